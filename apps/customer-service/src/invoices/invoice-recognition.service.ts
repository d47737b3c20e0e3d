// The service's receipt reader: opens the OCR engine on first use (a service that never sees an image
// never loads 15 MB of weights), turns refusals into stable error codes, and closes the engine on
// shutdown. A failure to open is MODEL_NOT_READY (503) and the next request tries again.
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { INFERENCE_BACKEND, type InferenceBackend } from '@suite/inference';
import { APP_CONFIG, DomainError } from '@suite/platform';
import { SUPPORT_OPTIONS, type SupportOptions } from '../support-options.js';
import { decodeReceiptImage, DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../ocr/receipt-image.js';
import type { RecognizeInvoiceResponseDto } from './dto/invoice-response.dto.js';
import { InvoiceRecognizer, type RecognizedInvoice } from './invoice-recognizer.js';
import type { SupportConfig } from '../support.config.js';

@Injectable()
export class InvoiceRecognitionService implements OnModuleDestroy {
  private readonly logger = new Logger('InvoiceRecognition');
  private opening?: Promise<InvoiceRecognizer>;
  readonly limits: ImageLimits;

  constructor(
    @Inject(SUPPORT_OPTIONS) private readonly options: SupportOptions,
    @Inject(APP_CONFIG) config: SupportConfig,
    @Inject(INFERENCE_BACKEND) private readonly backend: InferenceBackend,
  ) {
    this.limits = {
      ...DEFAULT_IMAGE_LIMITS,
      maxBytes: config.INVOICE_MAX_IMAGE_BYTES,
      maxPixels: config.INVOICE_MAX_IMAGE_PIXELS,
    };
  }

  /** Checks and decodes the image first: a refused upload never loads the models. */
  async recognizeInvoice(bytes: Uint8Array): Promise<RecognizedInvoice> {
    const raster = await decodeReceiptImage(bytes, this.limits);
    const recognizer = await this.recognizer();
    return recognizer.recognizeRaster(raster);
  }

  async onModuleDestroy(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    if (opening) await (await opening.catch(() => undefined))?.close();
  }

  private recognizer(): Promise<InvoiceRecognizer> {
    this.opening ??= InvoiceRecognizer.open({
      modelsDir: this.options.modelsDir,
      limits: this.limits,
      backend: this.backend,
      logger: this.logger,
    }).catch((err: unknown) => {
      this.opening = undefined;
      this.logger.warn(`OCR models could not be opened: ${err instanceof Error ? err.name : 'error'}`);
      throw new DomainError('MODEL_NOT_READY', 'The receipt reader is not ready; try again later');
    });
    return this.opening;
  }
}

export function toRecognizeResponse(result: RecognizedInvoice): RecognizeInvoiceResponseDto {
  return {
    fields: result.fields,
    lines: result.lines.map((l) => ({ text: l.text, confidence: l.confidence, box: l.box })),
    image: result.image,
    models: result.models,
  };
}
