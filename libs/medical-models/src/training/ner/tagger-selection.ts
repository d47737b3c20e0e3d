// Model selection for the non-private tagger, on train only: the first 80% of train.tsv's sentences
// (contiguous, so abstracts are not split) fit, the last 20% pick the epoch count and whether and
// how far abbreviations propagate, fit the temperature of the confidences (Guo et al. 2017,
// "On calibration of modern neural networks") and choose per-type confidence thresholds. dev is
// never looked at here.
import {
  emissionsOf,
  maskedTransitions,
  tokenMarginals,
  trainStructuredPerceptron,
  type TaggerWeights,
} from '@suite/ml';
import type { Tokenizer } from '../../tokenizer/token.js';
import { labelledWords, type CorpusSentence } from './corpus/ner-corpus.js';
import type { EntityLexicon } from '../../ner/features/entity-lexicon.js';
import type { NerFeatureConfig, SentenceFeatures } from '../../ner/features/ner-featurizer.js';
import { evaluateTaggerOnCorpus } from './evaluation/ner-evaluation.js';
import { weightsEmissionScorer } from './weights-emission-scorer.js';
import type { NerModelSpec } from '../../ner/model/ner-model-spec.js';
import { NerTagger } from '../../ner/ner-tagger.js';
import type { LabelSpan, TagScheme } from '../../ner/tagging/tag-scheme.js';
import { chooseConfidenceThresholds, type ThresholdChoice } from './confidence-thresholds.js';
import { buildTrainingSet } from './ner-training-data.js';

export const VALIDATION_FRACTION = 0.2;
export const ABBREVIATION_WINDOWS: readonly (number | null)[] = [null, 0, 10];
const TEMPERATURES = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

export interface TaggerSelection {
  epochs: number;
  abbreviationWindow: number | null;
  temperature: number;
  /** Per-type confidence thresholds, chosen on the validation part after the temperature. */
  thresholds: ThresholdChoice;
  /** F1 on the validation part per epoch and window, for the card. */
  grid: { epochs: number; abbreviationWindow: number | null; f1: number }[];
  validationF1: number;
}

export function splitForValidation<T>(items: readonly T[]): { fit: T[]; validation: T[] } {
  const cut = Math.floor(items.length * (1 - VALIDATION_FRACTION));
  return { fit: items.slice(0, cut), validation: items.slice(cut) };
}

export function taggerSpec(
  weights: TaggerWeights,
  types: readonly string[],
  features: NerFeatureConfig,
  lexicon: EntityLexicon | undefined,
  abbreviationWindow: number | null,
  temperature: number,
  confidenceThresholds?: Record<string, number>,
): NerModelSpec {
  return {
    types: [...types],
    tokenizer: 'medical',
    features: { ...features, charNgrams: [...features.charNgrams] },
    transitions: {
      pair: Array.from(weights.transitions.pair),
      start: Array.from(weights.transitions.start),
      end: Array.from(weights.transitions.end),
    },
    lexicon: lexicon?.toJSON(),
    abbreviationWindow,
    temperature,
    ...(confidenceThresholds && { confidenceThresholds: { ...confidenceThresholds } }),
  };
}

export async function selectTaggerSettings(params: {
  train: readonly CorpusSentence[];
  tokenizer: Tokenizer;
  scheme: TagScheme;
  features: NerFeatureConfig;
  maxEpochs: number;
  seed: number;
  log: (message: string) => void;
}): Promise<TaggerSelection> {
  const { tokenizer, scheme, features } = params;
  const { fit, validation } = splitForValidation(params.train);
  const set = buildTrainingSet(
    fit.map((s) => labelledWords(s, tokenizer)),
    scheme,
    features,
  );
  const snapshots: TaggerWeights[] = [];
  trainStructuredPerceptron(set.examples, {
    labels: scheme.size,
    rows: set.featurizer.dimension,
    epochs: params.maxEpochs,
    seed: params.seed,
    mask: scheme.transitionMask(),
    onEpoch: (_, w) => snapshots.push(w),
  });
  const grid: TaggerSelection['grid'] = [];
  let best = { epochs: 1, abbreviationWindow: null as number | null, f1: -1 };
  for (const [k, weights] of snapshots.entries()) {
    for (const window of ABBREVIATION_WINDOWS) {
      const spec = taggerSpec(weights, scheme.types, features, set.lexicon, window, 1);
      const tagger = new NerTagger(spec, weightsEmissionScorer(weights));
      const { evaluation } = await evaluateTaggerOnCorpus(tagger, tokenizer, validation);
      grid.push({ epochs: k + 1, abbreviationWindow: window, f1: evaluation.f1 });
      // Ties go to fewer epochs and less propagation: the earlier candidate wins.
      if (evaluation.f1 > best.f1) best = { epochs: k + 1, abbreviationWindow: window, f1: evaluation.f1 };
    }
    params.log(
      `  epoch ${k + 1}: validation F1 ${grid
        .slice(-ABBREVIATION_WINDOWS.length)
        .map((g) => `${g.f1.toFixed(4)} (abbreviations ${g.abbreviationWindow ?? 'off'})`)
        .join(', ')}`,
    );
  }
  const chosen = snapshots[best.epochs - 1];
  const temperature = fitTemperature(
    chosen,
    scheme,
    validation.map((s) => labelledWords(s, tokenizer)),
    (words) => set.featurizer.featurize(words, set.lexicon),
  );
  const calibrated = new NerTagger(
    taggerSpec(chosen, scheme.types, features, set.lexicon, best.abbreviationWindow, temperature),
    weightsEmissionScorer(chosen),
  );
  const thresholds = await chooseConfidenceThresholds(calibrated, tokenizer, validation);
  return {
    epochs: best.epochs,
    abbreviationWindow: best.abbreviationWindow,
    temperature,
    thresholds,
    grid,
    validationF1: best.f1,
  };
}

/** The temperature that minimises the negative log-likelihood of the gold labels' marginals. */
export function fitTemperature(
  weights: TaggerWeights,
  scheme: TagScheme,
  sentences: readonly { words: string[]; spans: LabelSpan[] }[],
  featurize: (words: readonly string[]) => SentenceFeatures,
): number {
  const transitions = maskedTransitions(weights.transitions, scheme.transitionMask());
  const n = scheme.size;
  const data = sentences
    .filter((s) => s.words.length > 0)
    .map((s) => {
      const x = featurize(s.words);
      return { emissions: emissionsOf(weights, x), length: x.length, gold: scheme.encode(s.spans, x.length) };
    });
  let best = { t: 1, nll: Infinity };
  for (const t of TEMPERATURES) {
    const scaled = {
      labels: n,
      pair: transitions.pair.map((v) => v / t),
      start: transitions.start.map((v) => v / t),
      end: transitions.end.map((v) => v / t),
    };
    let nll = 0;
    for (const d of data) {
      const m = tokenMarginals(
        d.emissions.map((v) => v / t),
        d.length,
        scaled,
      );
      for (let k = 0; k < d.length; k++) nll -= Math.log(Math.max(m[k * n + d.gold[k]], 1e-12));
    }
    if (nll < best.nll) best = { t, nll };
  }
  return best.t;
}
