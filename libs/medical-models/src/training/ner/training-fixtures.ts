// A tiny synthetic tagging task for trainer tests: feature 1 marks a one-token Chemical, features 2
// and 3 a two-token Disease, feature 0 everything else. Seeded, so tests are deterministic.
import { Rng, type TaggingExample } from '@suite/ml';
import type { SentenceFeatures } from '../../ner/features/ner-featurizer.js';
import { TagScheme } from '../../ner/tagging/tag-scheme.js';

export const FIXTURE_SCHEME = new TagScheme(['Chemical', 'Disease']);
export const FIXTURE_ROWS = 8;

export function fixtureSentence(kinds: readonly ('o' | 'chem' | 'dis')[]): {
  features: SentenceFeatures;
  labels: Int32Array;
} {
  const ids: number[] = [];
  const spans: { type: string; start: number; end: number }[] = [];
  kinds.forEach((kind) => {
    const at = ids.length;
    if (kind === 'o') ids.push(0);
    else if (kind === 'chem') {
      ids.push(1);
      spans.push({ type: 'Chemical', start: at, end: at + 1 });
    } else {
      ids.push(2, 3);
      spans.push({ type: 'Disease', start: at, end: at + 2 });
    }
  });
  const length = ids.length;
  const features: SentenceFeatures = {
    words: ids.map((id) => `w${id}`),
    length,
    maxFeatures: 2,
    ids: Int32Array.from(ids.flatMap((id) => [id, 4 + (id % 4)])),
    counts: new Int32Array(length).fill(2),
  };
  return { features, labels: FIXTURE_SCHEME.encode(spans, length) };
}

export function fixtureExamples(count: number, seed: number): TaggingExample[] {
  const rng = new Rng(seed);
  const kinds = ['o', 'o', 'o', 'chem', 'dis'] as const;
  return Array.from({ length: count }, () =>
    fixtureSentence(Array.from({ length: 3 + rng.int(5) }, () => kinds[rng.int(kinds.length)])),
  );
}
