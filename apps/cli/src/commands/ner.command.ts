import { InvalidArgumentError, type Command } from 'commander';
import { writeIobFile } from '@suite/ml';
import { MedicalTokenizer } from '@suite/medical-models';
import {
  readNerCorpus,
  evaluateTaggerOnCorpus,
  trainNerModel,
  NER_MODEL_NAMES,
  type NerModelName,
} from '@suite/medical-models/training';
import { loadNerModel, readNerModelCard } from '../../../medical-records/src/index.js';
import { printResult, progress } from '../output.js';
import { commandGroup, evalCommand } from './command-groups.js';

// `train ner` rebuilds a shipped NER model from data/; `eval ner` scores one on an IOB TSV file
// (the evaluation contract in ARCHITECTURE.md: conlleval strict spans, no database needed).

const DEFAULT_MODEL: NerModelName = 'bc5cdr';

function parseModelName(value: string): NerModelName {
  if (!(NER_MODEL_NAMES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${NER_MODEL_NAMES.join(', ')}.`);
  return value as NerModelName;
}

function numberIn(description: string, accept: (v: number) => boolean): (value: string) => number {
  return (value: string) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v) || !accept(v))
      throw new InvalidArgumentError(`must be ${description}.`);
    return v;
  };
}

interface TrainOptions {
  model: NerModelName;
  dp?: boolean;
  epsilon?: number;
  delta?: number;
  clip?: number;
  dataDir: string;
  modelsDir: string;
  version: string;
  compareTokenizers: boolean;
  json?: boolean;
}

interface EvalOptions {
  model: string;
  data: string;
  version?: string;
  modelsDir: string;
  predictions?: string;
  json?: boolean;
}

export function registerNerCommand(program: Command): void {
  commandGroup(program, 'train')
    .command('ner')
    .description('Train a medical NER model (bc5cdr, ncbi-disease, or bc5cdr-dp with DP-SGD) from data/')
    .option('--model <name>', NER_MODEL_NAMES.join(' | '), parseModelName, DEFAULT_MODEL)
    .option('--dp', 'train with DP-SGD (bc5cdr only; same as --model bc5cdr-dp)')
    .option(
      '--epsilon <e>',
      'DP: privacy budget epsilon (default 8)',
      numberIn('a number > 0', (v) => v > 0),
    )
    .option(
      '--delta <d>',
      'DP: delta (default 1e-5)',
      numberIn('a number in (0, 1)', (v) => v > 0 && v < 1),
    )
    .option(
      '--clip <c>',
      'DP: per-sentence gradient clipping norm (default 1)',
      numberIn('a number > 0', (v) => v > 0),
    )
    .option('--data-dir <dir>', 'folder holding bc5cdr/ and ncbi-disease/', 'data')
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--version <v>', 'version folder to write', '1')
    .option('--no-compare-tokenizers', 'skip the generic-tokenizer baselines on the card')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: TrainOptions) => {
      let model = opts.model;
      const wantsDp =
        opts.dp === true || opts.epsilon !== undefined || opts.delta !== undefined || opts.clip !== undefined;
      if (wantsDp && model === 'bc5cdr') model = 'bc5cdr-dp';
      if (wantsDp && model !== 'bc5cdr-dp')
        throw new Error(`--dp is available for bc5cdr only, not ${model}`);
      const { card, dir } = await trainNerModel({
        model,
        served: { load: loadNerModel, readCard: readNerModelCard },
        dataDir: opts.dataDir,
        modelsDir: opts.modelsDir,
        version: opts.version,
        dp: { epsilon: opts.epsilon, delta: opts.delta, clipNorm: opts.clip },
        compareTokenizers: opts.compareTokenizers,
        log: progress,
      });
      progress(`wrote ${dir}`);
      printResult(
        { model: card.name, version: card.version, dir, metrics: card.metrics, privacy: card.privacy },
        opts.json === true,
      );
    });

  evalCommand(program, 'ner', {
    description: 'Score a NER model on an IOB TSV file (conlleval strict spans)',
    defaultModel: DEFAULT_MODEL,
    data: '--data <file>',
    dataHelp: 'IOB TSV: token<TAB>tag, blank line between sentences',
    predictionsHelp: 'write the predicted tags as IOB TSV (token<TAB>predicted-tag)',
  }).action(async (opts: EvalOptions) => {
    const sentences = await readNerCorpus({ path: opts.data });
    progress(`${opts.data}: ${sentences.length} sentences`);
    const model = await loadNerModel({
      modelsDir: opts.modelsDir,
      name: opts.model,
      version: opts.version,
      logger: { log: progress, warn: progress },
    });
    try {
      progress(`tagging with ${model.card.name}/${model.card.version}`);
      const { evaluation, predictedTags } = await evaluateTaggerOnCorpus(
        model.tagger,
        new MedicalTokenizer(),
        sentences,
      );
      if (opts.predictions) {
        await writeIobFile(
          opts.predictions,
          sentences.map((s, i) => ({ tokens: s.corpusTokens.map((t) => t.text), tags: predictedTags[i] })),
        );
        progress(`predictions written to ${opts.predictions}`);
      }
      const privacy = model.card.privacy;
      printResult(
        {
          model: model.card.name,
          version: model.card.version,
          n: sentences.length,
          f1: evaluation.f1,
          precision: evaluation.precision,
          recall: evaluation.recall,
          perType: evaluation.perType,
          tokenAccuracy: evaluation.tokenAccuracy,
          ...(privacy && {
            privacy: {
              epsilon: privacy.epsilon,
              delta: privacy.delta,
              noiseMultiplier: privacy.noiseMultiplier,
            },
          }),
        },
        opts.json === true,
      );
    } finally {
      await model.close();
    }
  });
}
