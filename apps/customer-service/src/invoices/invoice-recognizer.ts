// Image bytes -> lines (OCR) -> fields (classifier + rules). One object for the service, the CLI's
// `eval invoice` and the bench; it owns its engine when it opened one.
import { type EngineLogger, type InferenceBackend, OCR_MODEL_VERSION } from '@suite/inference';
import type { SroieField } from '@suite/ml';
import type { Registry } from 'prom-client';
import { openReceiptOcr, type OpenedOcr } from '../ocr/ocr-engine.js';
import type { OcrLine } from '../ocr/receipt-ocr.js';
import {
  decodeReceiptImage,
  DEFAULT_IMAGE_LIMITS,
  type ImageLimits,
  type RgbRaster,
} from '../ocr/receipt-image.js';
import {
  extractFields,
  type ExtractedFields,
  INVOICE_FIELD_MODEL,
  INVOICE_FIELD_MODEL_VERSION,
  repairOcrConfusions,
} from '@suite/support-models';
import { InvoiceFieldClassifier, readInvoiceFieldCard } from './invoice-field-model.js';

export interface RecognizedInvoice {
  /** Confidences calibrated on the dev receipts (field-confidence.ts). */
  fields: ExtractedFields;
  /** Per key field, the calibrated confidence from which the bot states the value. */
  thresholds: Record<SroieField, number>;
  lines: OcrLine[];
  image: { format: string; width: number; height: number };
  models: { detector: string; recognizer: string; fields: string };
  timings: { ocrMs: number; detectionMs: number; cropsMs: number; recognitionMs: number; fieldsMs: number };
}

export class InvoiceRecognizer {
  private constructor(
    private readonly opened: OpenedOcr,
    private readonly classifier: InvoiceFieldClassifier,
    private readonly limits: ImageLimits,
  ) {}

  static async open(params: {
    modelsDir: string;
    /** The process's engine (the service's); without one (CLI, bench) the recognizer opens its own. */
    backend?: InferenceBackend;
    limits?: ImageLimits;
    metricsRegistry?: Registry;
    logger?: EngineLogger;
  }): Promise<InvoiceRecognizer> {
    const card = await readInvoiceFieldCard(params.modelsDir);
    const opened = await openReceiptOcr({
      modelsDir: params.modelsDir,
      backend: params.backend,
      extraModels: { [INVOICE_FIELD_MODEL]: [INVOICE_FIELD_MODEL_VERSION] },
      metricsRegistry: params.metricsRegistry,
      logger: params.logger,
    });
    return new InvoiceRecognizer(
      opened,
      new InvoiceFieldClassifier(opened.engine, card),
      params.limits ?? DEFAULT_IMAGE_LIMITS,
    );
  }

  isReady(): Promise<boolean> {
    return this.opened.engine.isReady();
  }

  async recognize(bytes: Uint8Array): Promise<RecognizedInvoice> {
    return this.recognizeRaster(await decodeReceiptImage(bytes, this.limits));
  }

  async recognizeRaster(raster: RgbRaster): Promise<RecognizedInvoice> {
    const started = performance.now();
    const { lines: read, timings: ocr } = await this.opened.ocr.readLinesTimed(raster);
    const lines = read.map((l) => ({
      ...l,
      text: repairOcrConfusions(l.text.normalize('NFKC')),
    }));
    const ocrDone = performance.now();
    const layout = lines.map((l) => ({ text: l.text, box: l.box, confidence: l.confidence }));
    const fields = extractFields(
      layout,
      await this.classifier.classifyLines(layout),
      this.classifier.calibration(),
    );
    return {
      fields,
      thresholds: this.classifier.thresholds(),
      lines,
      image: {
        format: raster.format,
        width: Math.round(raster.width * raster.scaleToOriginal),
        height: Math.round(raster.height * raster.scaleToOriginal),
      },
      models: {
        detector: `ocr-det@${OCR_MODEL_VERSION}`,
        recognizer: `ocr-rec@${OCR_MODEL_VERSION}`,
        fields: `${INVOICE_FIELD_MODEL}@${this.classifier.version}`,
      },
      timings: {
        ocrMs: Math.round(ocrDone - started),
        detectionMs: Math.round(ocr.detectionMs),
        cropsMs: Math.round(ocr.cropsMs),
        recognitionMs: Math.round(ocr.recognitionMs),
        fieldsMs: Math.round(performance.now() - ocrDone),
      },
    };
  }

  close(): Promise<void> {
    return this.opened.close();
  }
}
