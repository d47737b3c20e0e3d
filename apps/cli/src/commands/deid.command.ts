import { InvalidArgumentError, type Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBratFolder, writeBratAnnotations } from '@suite/ml';
import { GAZETTEER_PATH } from '@suite/medical-models';
import {
  DEID_MODEL_NAME,
  ENGLISH_DEID_MODEL_NAME,
  MEDDOCAN_CORPUS,
  PHYSIONET_CORPUS,
  trainDeidModel,
  EnglishNoteGenerator,
  buildEnglishGazetteer,
} from '@suite/medical-models/training';
import {
  deidReviewHtml,
  deidTrainingPipeline,
  type ReviewedDocument,
  evaluateDeid,
  loadDeidModel,
  type DeidLanguage,
  detectPhiSpans,
  InMemoryNameMemory,
  NameMemoryHasher,
  nameWordHashes,
  withRememberedNames,
} from '../../../medical-records/src/index.js';
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
  report?: string;
  rulesOnly?: boolean;
  patientMemory?: boolean;
  json?: boolean;
}

interface TrainOptions {
  language: DeidLanguage;
  dataDir?: string;
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

  program
    .command('deid-gazetteer')
    .description(
      'Build data/gazetteers/en-names.txt (first names, surnames, places, English-word flags) from the npm lists named in data/gazetteers/README.md',
    )
    .option('--out <file>', 'output file', GAZETTEER_PATH)
    .option(
      '--notes <dir>',
      'training notes (BRAT) whose words never inside PHI are flagged clinical',
      'data/physionet-deid/train',
    )
    .action(async (opts: { out: string; notes: string }) => {
      const built = await buildEnglishGazetteer(opts.out, await readBratFolder(opts.notes));
      progress(`wrote ${built.entries} entries to ${opts.out}`);
      printResult(built, false);
    });

  commandGroup(program, 'train')
    .command('deid')
    .description(
      'Train a de-identification tagger: es from data/meddocan/train (deid-meddocan), en from data/physionet-deid/train (deid-physionet)',
    )
    .option('--language <lang>', 'es (MEDDOCAN) | en (PhysioNet deid)', parseLanguage, 'es')
    .option(
      '--data-dir <dir>',
      'train folder (BRAT); default data/meddocan/train or data/physionet-deid/train',
    )
    .option(
      '--dev <dir>',
      'held-out BRAT folder scored after training, for the card; default data/meddocan/dev or data/physionet-deid/dev',
    )
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--version <v>', 'version folder to write', '1')
    .option('--epochs <n>', 'most epochs tried in selection', '6')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: TrainOptions) => {
      const english = opts.language === 'en';
      const dev = opts.dev ?? (english ? 'data/physionet-deid/dev' : 'data/meddocan/dev');
      const { card, dir } = await trainDeidModel({
        trainDir: opts.dataDir ?? (english ? 'data/physionet-deid/train' : 'data/meddocan/train'),
        modelsDir: opts.modelsDir,
        version: opts.version,
        pipeline: deidTrainingPipeline,
        corpus: english ? PHYSIONET_CORPUS : MEDDOCAN_CORPUS,
        devDir: dev === '' ? undefined : dev,
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
    .option(
      '--patient-memory',
      "each patient's notes in name order with the service's name memory across them (the patient: the name before its first '-', as in pPPP-nNNN)",
    )
    .option(
      '--report <file>',
      'HTML review page of every missed and over-removed span with its context',
      join(tmpdir(), 'deid-review.html'),
    )
    .action(async (opts: EvalOptions) => {
      const documents = await readBratFolder(opts.data);
      progress(`${opts.data}: ${documents.length} documents`);
      // The default model stands for both shipped taggers; each document gets its language's.
      const names = opts.rulesOnly
        ? []
        : opts.model === DEID_MODEL_NAME
          ? [DEID_MODEL_NAME, ENGLISH_DEID_MODEL_NAME]
          : [opts.model];
      const models = await Promise.all(
        names.map((name) =>
          loadDeidModel({
            modelsDir: opts.modelsDir,
            name,
            version: name === opts.model ? opts.version : undefined,
            logger: { log: progress, warn: progress },
          }),
        ),
      );
      const reviewed: ReviewedDocument[] = [];
      // What POST /v1/documents does with a patientId, in this process (documents are read in name order).
      const memory = opts.patientMemory ? new InMemoryNameMemory() : undefined;
      const hasher = new NameMemoryHasher('eval-deid-patient-memory');
      try {
        const scores = await evaluateDeid({
          documents,
          language: opts.language,
          predictionsDir: opts.predictions,
          detect: async (text, language, name) => {
            const model = models.find((m) => m.tagger.languages.includes(language));
            const spans = await detectPhiSpans(
              text,
              language,
              model?.tagger ?? null,
              model?.card.extra.combination,
            );
            if (!memory) return spans;
            const patient = name.split('-')[0];
            const remembered = withRememberedNames(text, spans, memory.recall(patient), hasher);
            memory.remember(patient, nameWordHashes(text, remembered, hasher));
            return remembered;
          },
          onDocument: (done, total) => {
            if (done % 50 === 0 || done === total) progress(`  ${done}/${total} documents`);
          },
          onScored: (d) => reviewed.push(d),
        });
        const used = models.map((m) => `${m.card.name}/${m.card.version}`).join(', ') || 'rules';
        if (opts.report) {
          await writeFile(
            opts.report,
            deidReviewHtml(
              `De-identification review: ${opts.data} (${used})`,
              {
                notes: scores.n,
                leakRecall: scores.leakRecall.toFixed(4),
                charPrecision: scores.charPrecision.toFixed(4),
              },
              reviewed,
            ),
          );
          progress(`review report written to ${opts.report}`);
        }
        if (opts.predictions) progress(`predictions written to ${opts.predictions}`);
        printResult(
          {
            model: used,
            patientMemory: memory !== undefined,
            labels: scores.labels,
            languages: scores.languages,
            n: scores.n,
            f1: scores.f1,
            precision: scores.precision,
            recall: scores.recall,
            leakRecall: scores.leakRecall,
            charPrecision: scores.charPrecision,
            perType: scores.perType,
            goldSpans: scores.goldSpans,
            predictedSpans: scores.predictedSpans,
          },
          opts.json === true,
        );
      } finally {
        for (const m of models) await m.close();
      }
    });
}
