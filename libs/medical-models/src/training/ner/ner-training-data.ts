// Training examples for the tagger from labelled words: hashed features with a jackknifed lexicon
// (each fold's features use a lexicon learnt from the other folds, so the tagger learns how far to
// trust a lexicon match on names it has not seen, as at test time) and BIOES label ids.
import type { TaggingExample } from '@suite/ml';
import { EntityLexicon } from '../../ner/features/entity-lexicon.js';
import { NerFeaturizer, type NerFeatureConfig } from '../../ner/features/ner-featurizer.js';
import type { LabelledWords } from './corpus/ner-corpus.js';
import type { TagScheme } from '../../ner/tagging/tag-scheme.js';

export const LEXICON_FOLDS = 10;

export interface TrainingSet {
  examples: TaggingExample[];
  /** Learnt from all the sentences; what the shipped model matches with. Absent without lexicon. */
  lexicon?: EntityLexicon;
  featurizer: NerFeaturizer;
}

export function buildTrainingSet(
  sentences: readonly LabelledWords[],
  scheme: TagScheme,
  config: NerFeatureConfig,
): TrainingSet {
  const featurizer = new NerFeaturizer(config);
  if (!config.lexicon) {
    return {
      featurizer,
      examples: sentences.map((s) => ({
        features: featurizer.featurize(s.words),
        labels: scheme.encode(s.spans, s.words.length),
      })),
    };
  }
  // Contiguous folds: sentences of one abstract stay together, so a name is not "seen" through
  // its own abstract.
  const foldOf = (i: number): number => Math.floor((i * LEXICON_FOLDS) / sentences.length);
  const lexicons = Array.from({ length: LEXICON_FOLDS }, (_, f) =>
    EntityLexicon.fromSentences(sentences.filter((_, i) => foldOf(i) !== f)),
  );
  return {
    featurizer,
    lexicon: EntityLexicon.fromSentences(sentences),
    examples: sentences.map((s, i) => ({
      features: featurizer.featurize(s.words, lexicons[foldOf(i)]),
      labels: scheme.encode(s.spans, s.words.length),
    })),
  };
}
