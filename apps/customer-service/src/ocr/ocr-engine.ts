// Opens the OCR (and the invoice line classifier) on the process's engine (the service's
// INFERENCE_BACKEND), or, outside Nest (the CLI's `eval invoice`, the bench), on an engine of its own.
// The weights are imported from node_modules first when missing (libs/inference's ocr-models.ts), so a fresh clone
// needs no extra step.
import {
  borrowOrOpenBackend,
  type EngineLogger,
  type InferenceBackend,
  importOcrModels,
  OCR_DETECTOR_MODEL,
  OCR_MODEL_VERSION,
  OCR_RECOGNIZER_MODEL,
  readOcrDictionary,
} from '@suite/inference';
import type { Registry } from 'prom-client';
import { parseOcrDictionary } from './ctc-decoder.js';
import { DEFAULT_OCR_OPTIONS, ReceiptOcr, type ReceiptOcrOptions } from './receipt-ocr.js';

export interface OpenedOcr {
  engine: InferenceBackend;
  ocr: ReceiptOcr;
  close(): Promise<void>;
}

export async function openReceiptOcr(params: {
  modelsDir: string;
  /** The process's engine; without one (CLI, bench) a private engine is opened and closed here. */
  backend?: InferenceBackend;
  /** More models for the same engine (e.g. the invoice field classifier): name -> versions. */
  extraModels?: Record<string, string[]>;
  metricsRegistry?: Registry;
  logger?: EngineLogger;
  options?: Partial<ReceiptOcrOptions>;
}): Promise<OpenedOcr> {
  await importOcrModels(params.modelsDir);
  const alphabet = parseOcrDictionary(await readOcrDictionary(params.modelsDir));
  const { backend: engine, close } = await borrowOrOpenBackend(params.backend, {
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
    close,
  };
}
