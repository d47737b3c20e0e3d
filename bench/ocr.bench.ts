// Receipt OCR on the dev SROIE receipts with images (the ones `train invoice` never trains on), in one run:
// our pipeline (PaddleOCR PP-OCRv4 det + rec through libs/inference, activation blocks folded (version 2,
// the same function), TypeScript pre/post-processing), @gutenye/ocr-node (the released weights with the
// package's own pipeline, straight on onnxruntime-node),
// and tesseract.js 7 with the offline English model of @tesseract.js-data/eng. For each: character
// accuracy of the text (1 - Levenshtein / length, all lines in reading order, upper case, whitespace
// removed, against SROIE's ground-truth transcripts), SROIE field F1 (the peers' lines go through our
// field classifier and rules, so the F1 difference is the OCR's), and seconds per receipt (one at a
// time, models loaded beforehand; median and max; ours includes the fields), with where our time
// goes (detection, crop sampling, recognition, fields). A peer that cannot run offline is reported
// as such. On a shared machine absolute times move with the load: compare the systems of one run.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { readSroieFolder, SROIE_FIELDS, type SroieKey, type SroieReceipt } from '@suite/ml';
import { extractFields, type LayoutLine, repairOcrConfusions } from '@suite/support-models';
import { layoutOf, scoreSroie, selectSplit } from '@suite/support-models/training';
import {
  InvoiceFieldClassifier,
  readInvoiceFieldCard,
} from '../apps/customer-service/src/invoices/invoice-field-model.js';
import { InvoiceRecognizer } from '../apps/customer-service/src/invoices/invoice-recognizer.js';
import { openReceiptOcr } from '../apps/customer-service/src/ocr/ocr-engine.js';
import { type Quad, sortReadingOrder } from '../apps/customer-service/src/ocr/text-box-extraction.js';
import type { Benchmark } from './benchmark.js';

const log = (message: string): void => void process.stderr.write(`${message}\n`);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const require = createRequire(import.meta.url);

type ReadLines = (imagePath: string) => Promise<LayoutLine[]>;

interface SystemResult {
  system: string;
  available: boolean;
  note?: string;
  secondsPerReceipt?: number;
  medianSeconds?: number;
  maxSeconds?: number;
  characterAccuracy?: number;
  f1?: number;
  perField?: Record<string, number>;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0
    ? 0
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function squash(text: string): string {
  return text.toUpperCase().replace(/\s+/g, '');
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length];
}

function documentText(lines: readonly LayoutLine[]): string {
  return squash(
    sortReadingOrder(lines.map((l) => ({ ...l, quad: l.box })))
      .map((l) => l.text)
      .join(''),
  );
}

const rectQuad = (x: number, y: number, w: number, h: number): Quad => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
];

async function measure(
  system: string,
  receipts: readonly SroieReceipt[],
  readLines: ReadLines,
  classifier: InvoiceFieldClassifier,
): Promise<SystemResult> {
  let seconds = 0;
  const each: number[] = [];
  let errors = 0;
  let characters = 0;
  const pairs: { predicted: SroieKey; expected: SroieKey }[] = [];
  for (const r of receipts) {
    const started = performance.now();
    const lines = (await readLines(r.imagePath!)).map((l) => ({
      ...l,
      text: repairOcrConfusions(l.text.normalize('NFKC')),
    }));
    const took = (performance.now() - started) / 1000;
    seconds += took;
    each.push(took);
    const truth = documentText(layoutOf(r));
    errors += editDistance(documentText(lines), truth);
    characters += truth.length;
    const fields = extractFields(lines, await classifier.classifyLines(lines));
    const predicted: SroieKey = {};
    for (const f of SROIE_FIELDS) if (fields[f]) predicted[f] = fields[f].value;
    pairs.push({ predicted, expected: r.key ?? {} });
    log(`${system}: ${r.id} ${Math.round((performance.now() - started) / 10) / 100} s`);
  }
  const score = scoreSroie(pairs);
  return {
    system,
    available: true,
    secondsPerReceipt: round(seconds / receipts.length, 3),
    medianSeconds: round(median(each), 3),
    maxSeconds: round(Math.max(...each), 3),
    characterAccuracy: round(Math.max(0, 1 - errors / characters)),
    f1: score.f1,
    perField: Object.fromEntries(SROIE_FIELDS.map((f) => [f, score.perField[f].f1])),
  };
}

async function gutenyeReader(): Promise<{ read: ReadLines; close(): Promise<void> }> {
  const { default: Ocr } = (await import('@gutenye/ocr-node')) as unknown as {
    default: { create(): Promise<{ detect(path: string): Promise<{ text: string; box?: number[][] }[]> }> };
  };
  const ocr = await Ocr.create();
  return {
    read: async (path) =>
      (await ocr.detect(path))
        .filter((l) => l.box && l.text.trim() !== '')
        .map((l) => ({
          text: l.text,
          box: l.box!.slice(0, 4).map(([x, y]) => ({ x, y })) as Quad,
        })),
    close: async () => undefined,
  };
}

async function tesseractReader(): Promise<{ read: ReadLines; close(): Promise<void> }> {
  const data = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };
  const { createWorker } = (await import('tesseract.js')) as unknown as {
    createWorker(
      lang: string,
      oem: number,
      options: Record<string, unknown>,
    ): Promise<{
      recognize(
        path: string,
        options: Record<string, unknown>,
        output: Record<string, boolean>,
      ): Promise<{
        data: {
          blocks:
            | {
                paragraphs: {
                  lines: { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } }[];
                }[];
              }[]
            | null;
        };
      }>;
      terminate(): Promise<unknown>;
    }>;
  };
  // langPath on disk and no cache: nothing is fetched (tesseract.js' default is a CDN).
  const worker = await createWorker('eng', 1, {
    langPath: data.langPath,
    gzip: data.gzip,
    cacheMethod: 'none',
  });
  return {
    read: async (path) => {
      const { data: page } = await worker.recognize(path, {}, { blocks: true });
      return (page.blocks ?? [])
        .flatMap((b) => b.paragraphs.flatMap((p) => p.lines))
        .filter((l) => l.text.trim() !== '')
        .map((l) => ({
          text: l.text.trim(),
          box: rectQuad(l.bbox.x0, l.bbox.y0, l.bbox.x1 - l.bbox.x0, l.bbox.y1 - l.bbox.y0),
        }));
    },
    close: async () => void (await worker.terminate()),
  };
}

const run: Benchmark = async (args) => {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dataDir = flag('--data') ?? 'data/sroie/train';
  const modelsDir = flag('--models-dir') ?? 'models';
  const limit = Number(flag('--limit') ?? 12);
  const receipts = selectSplit(await readSroieFolder(dataDir), 'dev')
    .filter((r) => r.imagePath && r.lines && r.key)
    .slice(0, limit);
  if (receipts.length === 0) throw new Error(`no dev SROIE receipts with img/, box/ and key/ in ${dataDir}`);
  log(`ocr bench: ${receipts.length} dev receipts from ${dataDir}`);

  const recognizer = await InvoiceRecognizer.open({ modelsDir });
  // The peers' lines are classified by the same shipped model, on an engine of its own.
  const opened = await openReceiptOcr({ modelsDir, extraModels: { 'invoice-fields': ['1'] } });
  const classifier = new InvoiceFieldClassifier(opened.engine, await readInvoiceFieldCard(modelsDir));
  const results: SystemResult[] = [];
  // Where our time goes, per receipt (ms).
  const breakdown = {
    detectionMs: [] as number[],
    cropsMs: [] as number[],
    recognitionMs: [] as number[],
    fieldsMs: [] as number[],
  };
  try {
    results.push(
      await measure(
        'ours (PP-OCRv4, folded, via libs/inference)',
        receipts,
        async (path) => {
          const result = await recognizer.recognize(await readFile(path));
          for (const k of Object.keys(breakdown) as (keyof typeof breakdown)[])
            breakdown[k].push(result.timings[k]);
          return result.lines;
        },
        classifier,
      ),
    );
    for (const [system, open] of [
      ['@gutenye/ocr-node (released weights, its pipeline)', gutenyeReader],
      ['tesseract.js 7 (eng, offline)', tesseractReader],
    ] as const) {
      let reader: Awaited<ReturnType<typeof open>> | undefined;
      try {
        reader = await open();
      } catch (err) {
        results.push({
          system,
          available: false,
          note: `cannot run offline here: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
        });
        continue;
      }
      try {
        results.push(await measure(system, receipts, reader.read, classifier));
      } finally {
        await reader.close();
      }
    }
  } finally {
    await recognizer.close();
    await opened.close();
  }
  const ours = results[0];
  const peer = results.find((r) => r.system.startsWith('@gutenye') && r.available);
  const tesseract = results.find((r) => r.system.startsWith('tesseract') && r.available);
  return {
    receipts: receipts.length,
    split: 'dev',
    secondsPerReceipt: ours.secondsPerReceipt,
    medianSeconds: ours.medianSeconds,
    maxSeconds: ours.maxSeconds,
    oursMedianMs: Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, Math.round(median(v))])),
    peerMedianSeconds: peer?.medianSeconds ?? null,
    tesseractMedianSeconds: tesseract?.medianSeconds ?? null,
    medianRatioToPeer: peer?.medianSeconds ? round((ours.medianSeconds ?? 0) / peer.medianSeconds, 3) : null,
    medianRatioToTesseract: tesseract?.medianSeconds
      ? round((ours.medianSeconds ?? 0) / tesseract.medianSeconds, 3)
      : null,
    f1: ours.f1,
    characterAccuracy: ours.characterAccuracy,
    peerSecondsPerReceipt: peer?.secondsPerReceipt ?? null,
    peerF1: peer?.f1 ?? null,
    peerCharacterAccuracy: peer?.characterAccuracy ?? null,
    tesseractSecondsPerReceipt: tesseract?.secondsPerReceipt ?? null,
    tesseractF1: tesseract?.f1 ?? null,
    tesseractCharacterAccuracy: tesseract?.characterAccuracy ?? null,
    systems: results,
  };
};

export default run;
