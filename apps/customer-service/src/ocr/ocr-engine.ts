// Opens the OCR (and the invoice line classifier) on a private LocalInferenceEngine: the weights are
// imported from node_modules first when missing (ocr-models.ts), so a fresh clone needs no extra step.
// No database: the CLI's `eval invoice` and the bench run the same code as the service.
import { type EngineLogger, type InferenceBackend, openInferenceBackend } from '@suite/inference';
import type { Registry } from 'prom-client';
import { parseOcrDictionary } from './ctc-decoder.js';
import {
  importOcrModels,
  OCR_DETECTOR_MODEL,
  OCR_MODEL_VERSION,
  OCR_RECOGNIZER_MODEL,
  readOcrDictionary,
} from './ocr-models.js';
import { DEFAULT_OCR_OPTIONS, ReceiptOcr, type ReceiptOcrOptions } from './receipt-ocr.js';

export interface OpenedOcr {
  engine: InferenceBackend;
  ocr: ReceiptOcr;
  close(): Promise<void>;
}

export async function openReceiptOcr(params: {
  modelsDir: string;
  /** More models for the same engine (e.g. the invoice field classifier): name -> versions. */
  extraModels?: Record<string, string[]>;
  metricsRegistry?: Registry;
  logger?: EngineLogger;
  options?: Partial<ReceiptOcrOptions>;
}): Promise<OpenedOcr> {
  await importOcrModels(params.modelsDir);
  const alphabet = parseOcrDictionary(await readOcrDictionary(params.modelsDir));
  const engine = await openInferenceBackend({
    modelsDir: params.modelsDir,
    models: {
      [OCR_DETECTOR_MODEL]: [OCR_MODEL_VERSION],
      [OCR_RECOGNIZER_MODEL]: [OCR_MODEL_VERSION],
      ...params.extraModels,
    },
    metricsRegistry: params.metricsRegistry,
    logger: params.logger,
  });
  return {
    engine,
    ocr: new ReceiptOcr(engine, alphabet, { ...DEFAULT_OCR_OPTIONS, ...params.options }),
    close: () => engine.close(),
  };
}
