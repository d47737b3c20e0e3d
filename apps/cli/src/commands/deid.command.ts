import { InvalidArgumentError, type Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBratFolder, writeBratAnnotations } from '@suite/ml';
import { evaluateDeid } from '../../../medical-records/src/deid/evaluation/deid-evaluation.js';
import { loadDeidModel } from '../../../medical-records/src/deid/model/deid-model-loader.js';
import type { DeidLanguage } from '../../../medical-records/src/deid/phi-finding.js';
import { detectPhiSpans } from '../../../medical-records/src/deid/phi-detection.js';
import {
  DEID_MODEL_NAME,
  trainDeidModel,
} from '../../../medical-records/src/deid/training/deid-model-training.js';
import { EnglishNoteGenerator } from '../../../medical-records/src/deid/synthetic/english-note-generator.js';
import { printResult, progress } from '../output.js';
import { commandGroup, evalCommand } from './command-groups.js';

// `train deid` rebuilds models/deid-meddocan from data/meddocan/train; `eval deid` scores rules +
// model on a BRAT folder (ARCHITECTURE.md's contract: strict span + type, leak recall, no database).

function parseLanguage(value: string): DeidLanguage {
  if (value !== 'en' && value !== 'es') throw new InvalidArgumentError('must be en or es.');
  return value;
}

interface EvalOptions {
  data: string;
  model: string;
  version?: string;
  modelsDir: string;
  language?: DeidLanguage;
  predictions?: string;
  rulesOnly?: boolean;
  json?: boolean;
}

interface TrainOptions {
  dataDir: string;
  modelsDir: string;
  version: string;
  dev?: string;
  epochs: string;
  json?: boolean;
}

export const ENGLISH_DEV_SEED = 2014;

export function registerDeidCommand(program: Command): void {
  program
    .command('deid-notes')
    .description('Write the synthetic English development notes (BRAT) that data/deid-en/dev holds')
    .option('--out <dir>', 'output folder', 'data/deid-en/dev')
    .option('--count <n>', 'number of notes', '100')
    .option('--seed <n>', 'generator seed', String(ENGLISH_DEV_SEED))
    .action(async (opts: { out: string; count: string; seed: string }) => {
      const notes = new EnglishNoteGenerator(Number(opts.seed)).generate(Number(opts.count));
      await mkdir(opts.out, { recursive: true });
      for (const note of notes) {
        await writeFile(join(opts.out, `${note.name}.txt`), note.text, 'utf8');
        await writeBratAnnotations(opts.out, note);
      }
      progress(`wrote ${notes.length} notes to ${opts.out}`);
    });

  commandGroup(program, 'train')
    .command('deid')
    .description('Train the de-identification tagger (MEDDOCAN types) from data/meddocan/train')
    .option('--data-dir <dir>', 'MEDDOCAN train folder (BRAT)', 'data/meddocan/train')
    .option('--dev <dir>', 'held-out BRAT folder scored after training, for the card', 'data/meddocan/dev')
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--version <v>', 'version folder to write', '1')
    .option('--epochs <n>', 'most epochs tried in selection', '6')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: TrainOptions) => {
      const { card, dir } = await trainDeidModel({
        trainDir: opts.dataDir,
        modelsDir: opts.modelsDir,
        version: opts.version,
        devDir: opts.dev === '' ? undefined : opts.dev,
        maxEpochs: Number(opts.epochs),
        log: progress,
      });
      printResult(
        { model: card.name, version: card.version, dir, metrics: card.metrics },
        opts.json === true,
      );
    });

  evalCommand(program, 'deid', {
    description:
      'Score de-identification (rules + model) on a BRAT folder: strict span + type F1, leak recall',
    defaultModel: DEID_MODEL_NAME,
    data: '--data <dir>',
    dataHelp: 'folder of NAME.txt + NAME.ann (MEDDOCAN format; Spanish or English)',
    predictionsHelp: 'write one NAME.ann per input NAME.txt with the predicted spans (a folder)',
  })
    .option('--language <lang>', 'es | en (default: detected per document)', parseLanguage)
    .option('--rules-only', 'score the rules without the learnt model')
    .action(async (opts: EvalOptions) => {
      const documents = await readBratFolder(opts.data);
      progress(`${opts.data}: ${documents.length} documents`);
      const model = opts.rulesOnly
        ? null
        : await loadDeidModel({
            modelsDir: opts.modelsDir,
            name: opts.model,
            version: opts.version,
            logger: { log: progress, warn: progress },
          });
      try {
        const scores = await evaluateDeid({
          documents,
          language: opts.language,
          predictionsDir: opts.predictions,
          detect: (text, language) =>
            detectPhiSpans(text, language, model?.tagger ?? null, model?.card.extra.combination),
          onDocument: (done, total) => {
            if (done % 50 === 0 || done === total) progress(`  ${done}/${total} documents`);
          },
        });
        if (opts.predictions) progress(`predictions written to ${opts.predictions}`);
        printResult(
          {
            model: model ? `${model.card.name}/${model.card.version}` : 'rules',
            labels: scores.labels,
            languages: scores.languages,
            n: scores.n,
            f1: scores.f1,
            precision: scores.precision,
            recall: scores.recall,
            leakRecall: scores.leakRecall,
            perType: scores.perType,
            goldSpans: scores.goldSpans,
            predictedSpans: scores.predictedSpans,
          },
          opts.json === true,
        );
      } finally {
        await model?.close();
      }
    });
}
