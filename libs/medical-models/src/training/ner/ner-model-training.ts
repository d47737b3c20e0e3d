// `train ner`: builds a shipped NER model from the files in data/ and writes it to models/ with its
// card. Non-private models: averaged perceptron, settings chosen on a held-out part of train, then
// refit on all of train. The DP model: CRF trained by DP-SGD on all of train, fixed settings. Both
// are then scored on devel.tsv through the exported ONNX graph (the served path), and the
// tokenizer comparison (medical vs natural's generic tokenizers, same learner, same data) goes on
// the card beside them.
import { join } from 'node:path';
import {
  trainCrfWithDpSgd,
  trainStructuredPerceptron,
  type DpSgdResult,
  type TaggerWeights,
} from '@suite/ml';
import { GenericWordTokenizer } from '../tokenizer/generic-word-tokenizer.js';
import { MedicalTokenizer } from '../../tokenizer/medical-tokenizer.js';
import type { Tokenizer } from '../../tokenizer/token.js';
import { labelledWords, readNerCorpus, type CorpusSentence } from './corpus/ner-corpus.js';
import { evaluateTaggerOnCorpus } from './evaluation/ner-evaluation.js';
import { buildEmissionModel, EMISSION_INPUT, EMISSION_OUTPUT } from '../../ner/model/emission-model.onnx.js';
import { weightsEmissionScorer } from './weights-emission-scorer.js';
import type { NerModelCard, NerModelSpec } from '../../ner/model/ner-model-spec.js';
import { writeNerModelVersion } from './ner-model-writer.js';
import { NerTagger } from '../../ner/ner-tagger.js';
import { TagScheme } from '../../ner/tagging/tag-scheme.js';
import { type DpSettings, NER_RECIPES, type NerModelName, type NerRecipe } from './ner-recipes.js';
import { buildTrainingSet } from './ner-training-data.js';
import type { NerFeatureConfig } from '../../ner/features/ner-featurizer.js';
import { selectTaggerSettings, taggerSpec, type TaggerSelection } from './tagger-selection.js';

export const NER_SEED = 20240611;

/**
 * The served path of NER models, which this package does not import (libs/inference): the service's
 * loaders (apps/medical-records loadNerModel, readNerModelCard), passed in by the caller (the CLI).
 */
export interface ServedNerModels {
  /** Opens a written model as served: the tagger's emissions come from its ONNX graph in the engine. */
  load(params: {
    modelsDir: string;
    name: string;
    version?: string;
    logger?: { log(message: string): void; warn(message: string): void };
  }): Promise<{ tagger: NerTagger; close(): Promise<void> }>;
  /** The card of a written model (its newest version when none is given). */
  readCard(modelsDir: string, name: string, version?: string): Promise<NerModelCard>;
}

export interface TrainNerOptions {
  model: NerModelName;
  /** Scores devel.tsv through the exported graph, and reads the non-private model's card for DP. */
  served: ServedNerModels;
  dataDir: string;
  modelsDir: string;
  version: string;
  /** Overrides of the DP recipe (epsilon, delta, clip norm) from the command line. */
  dp?: Partial<Pick<DpSettings, 'epsilon' | 'delta' | 'clipNorm'>>;
  /** Smaller recipes for tests and experiments; shipped models use the recipe as it is. */
  recipeOverrides?: { features?: Partial<NerFeatureConfig>; maxEpochs?: number; dp?: Partial<DpSettings> };
  /** Train the generic-tokenizer baselines for the card (skip for quick rebuilds). */
  compareTokenizers?: boolean;
  log?: (message: string) => void;
}

export interface TrainedNerModel {
  dir: string;
  card: NerModelCard;
}

const round = (v: number): number => Math.round(v * 10000) / 10000;

function summary(e: {
  f1: number;
  precision: number;
  recall: number;
  perType: Record<string, { f1: number; precision: number; recall: number }>;
}) {
  return {
    f1: round(e.f1),
    precision: round(e.precision),
    recall: round(e.recall),
    perType: Object.fromEntries(
      Object.entries(e.perType).map(([t, s]) => [
        t,
        { f1: round(s.f1), precision: round(s.precision), recall: round(s.recall) },
      ]),
    ),
  };
}

function fitPerceptron(
  train: readonly CorpusSentence[],
  tokenizer: Tokenizer,
  recipe: NerRecipe,
  scheme: TagScheme,
  epochs: number,
) {
  const set = buildTrainingSet(
    train.map((s) => labelledWords(s, tokenizer)),
    scheme,
    recipe.features,
  );
  const weights = trainStructuredPerceptron(set.examples, {
    labels: scheme.size,
    rows: set.featurizer.dimension,
    epochs,
    seed: NER_SEED,
    mask: scheme.transitionMask(),
  });
  return { weights, lexicon: set.lexicon };
}

/** The selected settings fitted on all of `train` with `tokenizer`: weights and the served spec. */
function refitSelected(
  train: readonly CorpusSentence[],
  tokenizer: Tokenizer,
  recipe: NerRecipe,
  scheme: TagScheme,
  selection: TaggerSelection,
  confidenceThresholds?: Record<string, number>,
): { weights: TaggerWeights; spec: NerModelSpec } {
  const fitted = fitPerceptron(train, tokenizer, recipe, scheme, selection.epochs);
  const spec = taggerSpec(
    fitted.weights,
    scheme.types,
    recipe.features,
    fitted.lexicon,
    selection.abbreviationWindow,
    selection.temperature,
    confidenceThresholds,
  );
  return { weights: fitted.weights, spec };
}

export async function trainNerModel(options: TrainNerOptions): Promise<TrainedNerModel> {
  const log = options.log ?? (() => undefined);
  const base = NER_RECIPES[options.model];
  const o = options.recipeOverrides;
  const recipe: NerRecipe = {
    ...base,
    features: { ...base.features, ...o?.features },
    maxEpochs: o?.maxEpochs ?? base.maxEpochs,
    dp: base.dp && { ...base.dp, ...o?.dp },
  };
  const scheme = new TagScheme(recipe.corpus.types);
  const corpusDir = join(options.dataDir, recipe.corpus.folder);
  const train = await readNerCorpus({ path: join(corpusDir, 'train.tsv') });
  const dev = await readNerCorpus({ path: join(corpusDir, 'devel.tsv') });
  const tokenizer = new MedicalTokenizer();
  log(`${options.model}: ${train.length} training sentences, ${dev.length} dev sentences`);

  let spec: NerModelSpec;
  let weights: TaggerWeights;
  let training: Record<string, unknown>;
  let privacy: DpSgdResult['privacy'] | undefined;
  let selection: TaggerSelection | undefined;
  if (recipe.dp) {
    // Only the overrides actually given: an absent --epsilon keeps the recipe's budget.
    const overrides = Object.fromEntries(Object.entries(options.dp ?? {}).filter(([, v]) => v !== undefined));
    const dp: DpSettings = { ...recipe.dp, ...overrides };
    log(
      `DP-SGD: epsilon ${dp.epsilon}, delta ${dp.delta}, clip ${dp.clipNorm}, q ${dp.sampleRate}, ${dp.epochs} epochs`,
    );
    const set = buildTrainingSet(
      train.map((s) => labelledWords(s, tokenizer)),
      scheme,
      recipe.features,
    );
    const result = trainCrfWithDpSgd(set.examples, {
      labels: scheme.size,
      rows: set.featurizer.dimension,
      epochs: dp.epochs,
      sampleRate: dp.sampleRate,
      clipNorm: dp.clipNorm,
      targetEpsilon: dp.epsilon,
      delta: dp.delta,
      learningRate: dp.learningRate,
      optimizer: dp.optimizer,
      emaDecay: dp.emaDecay,
      tied: dp.tiedEmissions
        ? { columns: scheme.tiedColumns().columns.length, ofLabel: scheme.tiedColumns().ofLabel }
        : undefined,
      seed: NER_SEED,
      mask: scheme.transitionMask(),
      onEpoch: (epoch, _, eps) => log(`  epoch ${epoch}: epsilon spent ${eps.toFixed(3)}`),
    });
    weights = result.weights;
    privacy = result.privacy;
    spec = taggerSpec(weights, scheme.types, recipe.features, undefined, dp.abbreviationWindow, 1);
    training = {
      algorithm:
        'linear-chain CRF, DP-SGD (Abadi et al. 2016) with Poisson sampling, per-sentence clipping, Adam, EMA of iterates',
      unitOfPrivacy: 'one training sentence',
      hyperparameters: { ...dp },
      hyperparameterNote:
        'fixed in the recipe; they were chosen in development on a held-out part of train, which the accountant does not count',
    };
  } else {
    log('selecting epochs and abbreviation propagation on the last 20% of train');
    selection = await selectTaggerSettings({
      train,
      tokenizer,
      scheme,
      features: recipe.features,
      maxEpochs: recipe.maxEpochs ?? 8,
      seed: NER_SEED,
      log,
    });
    log(
      `chosen: ${selection.epochs} epochs, abbreviations ${selection.abbreviationWindow ?? 'off'}, temperature ${selection.temperature}; refitting on all of train`,
    );
    ({ weights, spec } = refitSelected(
      train,
      tokenizer,
      recipe,
      scheme,
      selection,
      selection.thresholds.thresholds,
    ));
    training = {
      algorithm: 'averaged structured perceptron (Collins 2002), BIOES, constrained Viterbi',
      epochs: selection.epochs,
      selection: {
        split: 'first 80% of train.tsv sentences fit, last 20% select (contiguous)',
        validationF1: round(selection.validationF1),
        grid: selection.grid.map((g) => ({ ...g, f1: round(g.f1) })),
        confidenceThresholds: {
          chosen: selection.thresholds.thresholds,
          rule: 'per type, the grid threshold with the highest validation F0.5 (ties to the lower)',
          grid: selection.thresholds.grid.map((g) => ({
            threshold: g.threshold,
            perType: Object.fromEntries(
              Object.entries(g.perType).map(([t, v]) => [
                t,
                {
                  precision: round(v.precision),
                  recall: round(v.recall),
                  f1: round(v.f1),
                  f05: round(v.fBeta),
                },
              ]),
            ),
          })),
        },
      },
    };
  }

  const onnx = buildEmissionModel(
    Float32Array.from(weights.emission),
    weights.rows,
    scheme.size,
    recipe.features.maxFeatures,
  );
  const dataName = `data/${recipe.corpus.folder}/train.tsv`;
  const command = `npm run cli -- train ner --model ${options.model}`;
  const draft = {
    name: options.model,
    version: options.version,
    task: 'ner',
    description: `${recipe.corpus.types.join(' + ')} mention tagger (${recipe.dp ? 'DP-SGD CRF' : 'averaged perceptron'}) over hashed features; medical tokenizer in front, Viterbi behind`,
    inputs: [{ name: EMISSION_INPUT, dtype: 'int64' as const, shape: [-1, -1, recipe.features.maxFeatures] }],
    outputs: [{ name: EMISSION_OUTPUT, dtype: 'float32' as const, shape: [-1, -1, scheme.size] }],
    labels: scheme.labels,
    training: {
      data: `${dataName} (${recipe.corpus.description}; ${train.length} sentences). ${recipe.corpus.citation}`,
      licence: 'CC BY 4.0 (data/' + recipe.corpus.folder + '/LICENSE.md)',
      command,
      seed: NER_SEED,
      split: `train: ${dataName}; evaluation: data/${recipe.corpus.folder}/devel.tsv (never used for training or selection)`,
      ...training,
    },
    privacy: privacy && {
      epsilon: privacy.epsilon,
      delta: privacy.delta,
      noiseMultiplier: privacy.noiseMultiplier,
      sampleRate: privacy.sampleRate,
      steps: privacy.steps,
      clipNorm: privacy.clipNorm,
      accountant: 'RDP of the sampled Gaussian, Opacus default orders',
    },
    batching: {
      maxBatchSize: 64,
      maxQueueDelayMicros: 2000,
      maxQueueSize: 8192,
      maxBatchTokens: 4096,
      padValue: { [EMISSION_INPUT]: 2 ** recipe.features.bits },
    },
    cacheable: false,
    extra: spec,
  };
  // Written once without metrics so the engine can load it, then again with the dev scores.
  await writeNerModelVersion(options.modelsDir, draft, onnx);

  log('scoring devel.tsv through the exported ONNX graph (libs/inference)');
  const served = await options.served.load({
    modelsDir: options.modelsDir,
    name: options.model,
    version: options.version,
    logger: { log, warn: log },
  });
  let devMetrics;
  try {
    const { evaluation } = await evaluateTaggerOnCorpus(served.tagger, tokenizer, dev);
    const thresholded = spec.confidenceThresholds
      ? (
          await evaluateTaggerOnCorpus(served.tagger, tokenizer, dev, {
            thresholds: spec.confidenceThresholds,
          })
        ).evaluation
      : undefined;
    const sentenceOnly =
      spec.abbreviationWindow && spec.abbreviationWindow > 0
        ? (await evaluateTaggerOnCorpus(served.tagger, tokenizer, dev, { window: 0 })).evaluation
        : undefined;
    devMetrics = {
      ...summary(evaluation),
      n: dev.length,
      protocol:
        'conlleval strict spans on devel.tsv tokens; sentences detokenised, tagged through the medical tokenizer, projected back',
      ...(thresholded && {
        withConfidenceThresholds: {
          ...summary(thresholded),
          note: 'entities under their type threshold dropped, as API responses do by default',
        },
      }),
      ...(sentenceOnly && {
        withoutCrossSentenceAbbreviations: {
          ...summary(sentenceOnly),
          note: 'abbreviations applied within their own sentence only',
        },
      }),
    };
  } finally {
    await served.close();
  }
  log(`dev F1 ${devMetrics.f1} (P ${devMetrics.precision}, R ${devMetrics.recall})`);

  const metrics: Record<string, unknown> = { dev: devMetrics };
  if (selection) metrics.validation = { f1: round(selection.validationF1), split: 'last 20% of train.tsv' };
  if (recipe.dp)
    metrics.privacyCost = await privacyCost(options.served, options.modelsDir, recipe, devMetrics.f1);
  if (!recipe.dp && options.compareTokenizers !== false && selection) {
    metrics.tokenizerComparison = await compareTokenizers(
      train,
      dev,
      recipe,
      scheme,
      selection,
      weights,
      spec,
      log,
    );
  }
  return writeNerModelVersion(options.modelsDir, { ...draft, metrics }, onnx);
}

/** F1 given up for privacy: the non-private model of the same corpus, scored the same way. */
async function privacyCost(
  served: ServedNerModels,
  modelsDir: string,
  recipe: NerRecipe,
  dpF1: number,
): Promise<Record<string, unknown>> {
  const baseline = recipe.corpus.folder;
  try {
    const card = await served.readCard(modelsDir, baseline);
    const f1 = (card.metrics?.dev as { f1?: number } | undefined)?.f1;
    if (typeof f1 !== 'number') return { nonPrivateModel: baseline, note: 'its card has no dev F1' };
    return {
      nonPrivateModel: `${card.name}/${card.version}`,
      nonPrivateDevF1: f1,
      devF1Drop: round(f1 - dpF1),
    };
  } catch {
    return { nonPrivateModel: baseline, note: `train ${baseline} first to compare` };
  }
}

async function compareTokenizers(
  train: readonly CorpusSentence[],
  dev: readonly CorpusSentence[],
  recipe: NerRecipe,
  scheme: TagScheme,
  selection: TaggerSelection,
  medicalWeights: TaggerWeights,
  medicalSpec: NerModelSpec,
  log: (message: string) => void,
): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const candidates: Tokenizer[] = [
    new MedicalTokenizer(),
    new GenericWordTokenizer('treebank'),
    new GenericWordTokenizer('word-punct'),
  ];
  for (const tokenizer of candidates) {
    let weights = medicalWeights;
    let spec = medicalSpec;
    if (tokenizer.name !== 'medical') {
      log(`tokenizer comparison: training with ${tokenizer.name}`);
      ({ weights, spec } = refitSelected(train, tokenizer, recipe, scheme, selection));
    }
    const tagger = new NerTagger(spec, weightsEmissionScorer(weights));
    const { evaluation } = await evaluateTaggerOnCorpus(tagger, tokenizer, dev);
    const unreachable = dev.reduce((n, s) => {
      const tokens = tokenizer.tokenize(s.text);
      const starts = new Set(tokens.map((t) => t.start));
      const ends = new Set(tokens.map((t) => t.end));
      return n + s.gold.filter((g) => !starts.has(g.start) || !ends.has(g.end)).length;
    }, 0);
    results[tokenizer.name] = { ...summary(evaluation), goldSpansSplitByTokenizer: unreachable };
    log(
      `  ${tokenizer.name}: dev F1 ${round(evaluation.f1)}, ${unreachable} gold spans not on token boundaries`,
    );
  }
  const f1Of = (name: string): number => (results[name] as { f1: number }).f1;
  return {
    protocol:
      'devel.tsv and train.tsv sentences detokenised to running text and re-tokenised by each tokenizer; gold spans projected by character offsets (training tokens re-split at gold boundaries); same features, learner, epochs and seed; predictions projected back to the corpus tokens and scored by conlleval (strict). Generic tokenizers: natural 8 TreebankWordTokenizer and WordPunctTokenizer.',
    ...results,
    medicalMinusTreebankF1: round(f1Of('medical') - f1Of('natural-treebank')),
    medicalMinusWordPunctF1: round(f1Of('medical') - f1Of('natural-word-punct')),
  };
}
