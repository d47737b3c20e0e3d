// Per-type confidence thresholds for served entities, chosen on the validation part of train (the
// last 20%, tagged by the model fit on the first 80%): for each type the threshold on the grid that
// maximises that type's strict-span F0.5 there (ties to the lower threshold). F0.5 weighs precision
// twice as much as recall (van Rijsbergen 1979): a wrong entity in a patient's record ("DOB" as a
// Chemical) costs its reader more than a missed one, and max-F1 kept nearly everything. Entities
// under their type's threshold are withheld from API responses unless the caller asks for all.
import { evaluateSpans } from '@suite/ml';
import type { Tokenizer } from '../../tokenizer/token.js';
import { corpusTagsFor, type CorpusSentence } from './corpus/ner-corpus.js';
import type { NerTagger } from '../../ner/ner-tagger.js';
import type { ScoredSpan } from '../../ner/tagging/abbreviation-propagation.js';

export const THRESHOLD_GRID: readonly number[] = Array.from({ length: 20 }, (_, i) => i / 20);

export const THRESHOLD_BETA = 0.5;

export interface TypeScores {
  precision: number;
  recall: number;
  f1: number;
  fBeta: number;
}

export interface ThresholdChoice {
  thresholds: Record<string, number>;
  /** Validation scores per type at each grid point, for the card. */
  grid: { threshold: number; perType: Record<string, TypeScores> }[];
}

export function fBeta(precision: number, recall: number, beta = THRESHOLD_BETA): number {
  const b2 = beta * beta;
  return precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
}

/** Strict-span evaluation of already tagged sentences with spans under `thresholds` dropped. */
export function evaluateAtThresholds(
  sentences: readonly CorpusSentence[],
  tokens: readonly { start: number; end: number }[][],
  spans: readonly ScoredSpan[][],
  thresholds: Readonly<Record<string, number>>,
) {
  const predicted = sentences.map((sentence, i) =>
    corpusTagsFor(
      sentence,
      spans[i]
        .filter((s) => s.confidence >= (thresholds[s.type] ?? 0))
        .map((s) => ({ type: s.type, start: tokens[i][s.start].start, end: tokens[i][s.end - 1].end })),
    ),
  );
  return evaluateSpans(
    sentences.map((s) => s.tags),
    predicted,
  );
}

export async function chooseConfidenceThresholds(
  tagger: NerTagger,
  tokenizer: Tokenizer,
  validation: readonly CorpusSentence[],
): Promise<ThresholdChoice> {
  const tokens = validation.map((s) => tokenizer.tokenize(s.text));
  const spans = await tagger.tagSentences(
    tokens.map((ts) => ts.map((t) => t.text)),
    { window: tagger.spec.abbreviationWindow ?? 0 },
  );
  const types = tagger.spec.types;
  const grid = THRESHOLD_GRID.map((threshold) => {
    const evaluation = evaluateAtThresholds(
      validation,
      tokens,
      spans,
      Object.fromEntries(types.map((t) => [t, threshold])),
    );
    const perType: Record<string, TypeScores> = {};
    for (const t of types) {
      const { precision = 0, recall = 0, f1 = 0 } = evaluation.perType[t] ?? {};
      perType[t] = { precision, recall, f1, fBeta: fBeta(precision, recall) };
    }
    return { threshold, perType };
  });
  const thresholds: Record<string, number> = {};
  for (const type of types) {
    let best = grid[0];
    for (const point of grid) if (point.perType[type].fBeta > best.perType[type].fBeta) best = point;
    thresholds[type] = best.threshold;
  }
  return { thresholds, grid };
}
