// Issue 17 item 1: every text path outside de-identification is linear. Each adversarial shape is
// run through language detection, both generic tokenizers and the whole NER path (medical
// tokenizer, sentence split, features, emissions through the real engine and shipped model,
// decoding, abbreviation propagation) at two lengths, SMALL and 4 x SMALL: a linear path takes ~4x
// as long, a quadratic one ~16x, so the bound of 8 has room for noise either way. At the longer
// length each path must also stay within a constant of an ordinary note of that length measured in
// the same test (one token per character costs more than words do: ~5x today). Speed itself is
// measured by `npm run bench -- textpath`.
import { performance } from 'node:perf_hooks';
import { detectLanguage } from '../ingestion/language-detection.js';
import { GenericWordTokenizer, readNerCorpus } from '@suite/medical-models/training';
import { MedicalTokenizer } from '@suite/medical-models';
import { extractMedicalEntities } from './entity-extraction.js';
import { loadNerModel, type LoadedNerModel } from './model/ner-model-loader.js';

const SMALL = 8_000;
const LARGE = 4 * SMALL;
const MAX_GROWTH = 8;
const FLOOR_MS = 20;
const MAX_RATIO_TO_ORDINARY = 20;

const fill = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// Repeated units: separators, one huge token, alternating classes, one token per character.
const SHAPES: Record<string, string> = {
  'line breaks': '\n',
  'one huge token': 'a',
  'one huge number': '1',
  'combining marks': '\u0301',
  'one word per line': 'a\n',
  'one-letter words': 'a ',
  'punctuation run': '(',
  quotes: '"',
  'alternating classes': 'aA1.-',
  'hyphenated locants': "1'-",
  'abbreviation definitions': 'aspirin (ASA) and ASA. ',
};

// Best of two runs: the machine's other load only ever adds time. Each run starts with another
// letter, so that no run finds a huge token already in the featurizer's word cache.
async function fastest(path: (text: string) => unknown, text: string): Promise<number> {
  let best = Infinity;
  for (const first of ['x', 'y']) {
    const started = performance.now();
    await path(first + text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('text paths are linear on adversarial shapes', () => {
  let model: LoadedNerModel;
  let ordinary: string;
  const tokenizer = new MedicalTokenizer();
  const generic = [new GenericWordTokenizer('treebank'), new GenericWordTokenizer('word-punct')];
  const baseline: Record<string, number> = {};

  const paths: Record<string, (text: string) => unknown> = {
    'language detection': (text) => detectLanguage(text),
    'generic tokenizers': (text) => generic.map((g) => g.tokenize(text)),
    'NER (tokenize, split, features, engine, decode, abbreviations)': (text) =>
      extractMedicalEntities(model.tagger, tokenizer, text),
  };

  beforeAll(async () => {
    model = await loadNerModel({ modelsDir: 'models', name: 'bc5cdr' });
    const dev = await readNerCorpus({ path: 'data/bc5cdr/devel.tsv' });
    ordinary = fill(dev.map((s) => s.text).join(' '), LARGE);
    await extractMedicalEntities(model.tagger, tokenizer, ordinary.slice(0, 5000));
    for (const [name, path] of Object.entries(paths))
      // Floored as below.
      baseline[name] = Math.max(FLOOR_MS, await fastest(path, ordinary));
  }, 120_000);

  afterAll(async () => {
    await model.close();
  });

  it.each(Object.entries(SHAPES))('%s: every path grows linearly', async (_, unit) => {
    for (const [name, path] of Object.entries(paths)) {
      // Floored: a path still under FLOOR_MS x MAX_GROWTH at the longer length is fast whatever its
      // shape, and timer and GC noise on sub-millisecond runs would make the ratio meaningless.
      const small = Math.max(FLOOR_MS, await fastest(path, fill(unit, SMALL)));
      const large = Math.max(FLOOR_MS, await fastest(path, fill(unit, LARGE)));
      // Named verdicts, so that a failure says which path and by how much.
      expect([name, large / small < MAX_GROWTH ? 'linear' : `grew ${(large / small).toFixed(1)}x`]).toEqual([
        name,
        'linear',
      ]);
      const ratio = large / baseline[name];
      expect([name, ratio < MAX_RATIO_TO_ORDINARY ? 'close' : `${ratio.toFixed(1)}x ordinary`]).toEqual([
        name,
        'close',
      ]);
    }
  });
});
