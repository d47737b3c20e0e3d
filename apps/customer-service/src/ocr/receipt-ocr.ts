// Reads the text lines of a receipt image with the OCR models served by libs/inference: detection
// (probability map -> boxes, text-box-extraction.ts), then recognition of every box crop in batches of
// similar widths (CTC, ctc-decoder.ts). Pre-processing follows PaddleOCR's predict_det / predict_rec.
import {
  type InferenceBackend,
  OCR_DETECTOR_MODEL,
  OCR_MODEL_VERSION,
  OCR_RECOGNIZER_MODEL,
} from '@suite/inference';
import sharp from 'sharp';
import { decodeCtcGreedy } from './ctc-decoder.js';
import type { RgbRaster } from './receipt-image.js';
import {
  type BoxExtractionOptions,
  DEFAULT_BOX_EXTRACTION,
  extractTextBoxes,
  type Point,
  type Quad,
  sortReadingOrder,
} from './text-box-extraction.js';

export interface OcrLine {
  text: string;
  confidence: number;
  /** Corners clockwise from top-left, in the upright original image's pixels. */
  box: Quad;
}

export interface OcrTimings {
  detectionMs: number;
  /** Sampling the line crops into the recogniser's input (CPU, main thread). */
  cropsMs: number;
  /** Recognition runs in the engine, CTC decoding included. */
  recognitionMs: number;
}

export interface ReceiptOcrOptions {
  /** Longest side of the detector's input (multiples of 32). */
  detectorMaxSide: number;
  boxes: BoxExtractionOptions;
  /** Lines recognised per request to the engine. */
  recognitionBatch: number;
  maxLineWidth: number;
  /** Lines whose recognition confidence is lower are dropped. */
  minConfidence: number;
}

export const DEFAULT_OCR_OPTIONS: ReceiptOcrOptions = {
  detectorMaxSide: 1280,
  boxes: DEFAULT_BOX_EXTRACTION,
  recognitionBatch: 8,
  maxLineWidth: 1920,
  minConfidence: 0.5,
};

const DET_MEAN = [0.406, 0.456, 0.485]; // B, G, R (PaddleOCR applies ImageNet's RGB means to BGR)
const DET_STD = [0.225, 0.224, 0.229];
const REC_HEIGHT = 48;

export class ReceiptOcr {
  constructor(
    private readonly backend: InferenceBackend,
    private readonly alphabet: readonly string[],
    private readonly options: ReceiptOcrOptions = DEFAULT_OCR_OPTIONS,
  ) {}

  async readLines(image: RgbRaster): Promise<OcrLine[]> {
    return (await this.readLinesTimed(image)).lines;
  }

  /** The lines and where the time went: detection, sampling the crops, recognition (engine runs). */
  async readLinesTimed(image: RgbRaster): Promise<{ lines: OcrLine[]; timings: OcrTimings }> {
    const started = performance.now();
    const quads = await this.detectText(image);
    const detected = performance.now();
    const timings: OcrTimings = { detectionMs: detected - started, cropsMs: 0, recognitionMs: 0 };
    const texts = await this.recognizeText(image, quads, timings);
    timings.recognitionMs = performance.now() - detected - timings.cropsMs;
    const lines: OcrLine[] = [];
    quads.forEach((quad, k) => {
      const { text, confidence } = texts[k];
      if (text.trim() === '' || confidence < this.options.minConfidence) return;
      const box = quad.map((p) => ({
        x: Math.round(p.x * image.scaleToOriginal),
        y: Math.round(p.y * image.scaleToOriginal),
      })) as Quad;
      lines.push({ text: text.trim(), confidence: Math.round(confidence * 1e4) / 1e4, box });
    });
    const ordered = sortReadingOrder(lines.map((l) => ({ ...l, quad: l.box }))).map(
      ({ quad: _q, ...l }) => l,
    );
    return { lines: ordered, timings };
  }

  /** Text boxes in the raster's pixels. */
  async detectText(image: RgbRaster): Promise<Quad[]> {
    const ratio = Math.min(1, this.options.detectorMaxSide / Math.max(image.width, image.height));
    const w = Math.max(32, Math.round((image.width * ratio) / 32) * 32);
    const h = Math.max(32, Math.round((image.height * ratio) / 32) * 32);
    const resized = await sharp(image.data, {
      raw: { width: image.width, height: image.height, channels: 3 },
    })
      .resize(w, h, { fit: 'fill' })
      .raw()
      .toBuffer();
    const plane = w * h;
    const x = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) {
        // BGR planes from RGB pixels.
        const v = resized[3 * i + (2 - c)] / 255;
        x[c * plane + i] = (v - DET_MEAN[c]) / DET_STD[c];
      }
    }
    const { outputs } = await this.backend.infer(
      OCR_DETECTOR_MODEL,
      { x: { dtype: 'float32', dims: [1, 3, h, w], data: x } },
      { version: OCR_MODEL_VERSION },
    );
    const map = Object.values(outputs)[0];
    const [, , mh, mw] = map.dims;
    const boxes = extractTextBoxes(map.data as Float32Array, mw, mh, this.options.boxes, {
      x: image.width / mw,
      y: image.height / mh,
      maxX: image.width,
      maxY: image.height,
    });
    return boxes.map((b) => b.quad);
  }

  /** Text of each quad, in the order given. */
  async recognizeText(
    image: RgbRaster,
    quads: readonly Quad[],
    timings?: OcrTimings,
  ): Promise<{ text: string; confidence: number }[]> {
    const crops = quads.map((quad) => lineGeometry(quad));
    const widths = crops.map((g) =>
      Math.min(
        this.options.maxLineWidth,
        Math.max(8, Math.ceil((REC_HEIGHT * g.width) / Math.max(1, g.height))),
      ),
    );
    // Similar widths together: less padding (Paddle sorts by aspect ratio for the same reason).
    const order = widths.map((_, k) => k).sort((a, b) => widths[a] - widths[b]);
    const results: { text: string; confidence: number }[] = new Array(quads.length);
    const chunks: number[][] = [];
    for (let s = 0; s < order.length; s += this.options.recognitionBatch)
      chunks.push(order.slice(s, s + this.options.recognitionBatch));
    // Two chunks in flight: one running, the next stacked, so the worker never idles and no chunk
    // waits in the engine's queue behind all the others (on a loaded machine that wait passed the
    // engine's 30 s queue timeout and failed the whole receipt).
    let next = 0;
    const runChunks = async () => {
      while (next < chunks.length) await recognizeChunk(chunks[next++]);
    };
    const recognizeChunk = async (chunk: number[]) => {
      const batchWidth = Math.ceil(Math.max(...chunk.map((k) => widths[k])) / 32) * 32;
      const plane = REC_HEIGHT * batchWidth;
      const x = new Float32Array(chunk.length * 3 * plane);
      const sampling = performance.now();
      chunk.forEach((k, row) => sampleLine(image, crops[k], widths[k], batchWidth, x, row * 3 * plane));
      if (timings) timings.cropsMs += performance.now() - sampling;
      const { outputs } = await this.backend.infer(
        OCR_RECOGNIZER_MODEL,
        { x: { dtype: 'float32', dims: [chunk.length, 3, REC_HEIGHT, batchWidth], data: x } },
        { version: OCR_MODEL_VERSION },
      );
      const probs = Object.values(outputs)[0];
      const [, steps, classes] = probs.dims;
      const data = probs.data as Float32Array;
      chunk.forEach((k, row) => {
        results[k] = decodeCtcGreedy(
          data.subarray(row * steps * classes, (row + 1) * steps * classes),
          steps,
          classes,
          this.alphabet,
        );
      });
    };
    await Promise.all([runChunks(), runChunks()]);
    return results;
  }
}

interface LineGeometry {
  origin: Point;
  /** Along the text, per unit of width. */
  along: Point;
  /** Down the text, per unit of height. */
  down: Point;
  width: number;
  height: number;
}

/** The crop frame of a quad; vertical text (height >= 1.5 x width) is turned to read left to right. */
export function lineGeometry(quad: Quad): LineGeometry {
  const [tl, tr, br, bl] = quad;
  const width = Math.max(Math.hypot(tr.x - tl.x, tr.y - tl.y), Math.hypot(br.x - bl.x, br.y - bl.y));
  const height = Math.max(Math.hypot(bl.x - tl.x, bl.y - tl.y), Math.hypot(br.x - tr.x, br.y - tr.y));
  const unit = (a: Point, b: Point) => {
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
  };
  if (height >= 1.5 * width) {
    // PaddleOCR rotates such crops by 90 degrees: read from bottom-left upwards.
    return { origin: bl, along: unit(bl, tl), down: unit(bl, br), width: height, height: width };
  }
  return { origin: tl, along: unit(tl, tr), down: unit(tl, bl), width, height };
}

/** Bilinear samples of one line into the recogniser's input: BGR planes, (v/255 - 0.5)/0.5, 0-padded. */
function sampleLine(
  image: RgbRaster,
  g: LineGeometry,
  outWidth: number,
  batchWidth: number,
  out: Float32Array,
  offset: number,
): void {
  const plane = REC_HEIGHT * batchWidth;
  const sx = g.width / outWidth;
  const sy = g.height / REC_HEIGHT;
  const { data, width, height } = image;
  for (let v = 0; v < REC_HEIGHT; v++) {
    const dv = (v + 0.5) * sy;
    for (let u = 0; u < outWidth; u++) {
      const du = (u + 0.5) * sx;
      const px = g.origin.x + du * g.along.x + dv * g.down.x - 0.5;
      const py = g.origin.y + du * g.along.y + dv * g.down.y - 0.5;
      const x0 = Math.floor(px);
      const y0 = Math.floor(py);
      const fx = px - x0;
      const fy = py - y0;
      const xa = Math.min(width - 1, Math.max(0, x0));
      const xb = Math.min(width - 1, Math.max(0, x0 + 1));
      const ya = Math.min(height - 1, Math.max(0, y0));
      const yb = Math.min(height - 1, Math.max(0, y0 + 1));
      for (let c = 0; c < 3; c++) {
        const channel = 2 - c; // BGR plane c from RGB channel
        const a = data[3 * (ya * width + xa) + channel];
        const b = data[3 * (ya * width + xb) + channel];
        const d = data[3 * (yb * width + xa) + channel];
        const e = data[3 * (yb * width + xb) + channel];
        const value = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
        out[offset + c * plane + v * batchWidth + u] = (value / 255 - 0.5) / 0.5;
      }
    }
  }
}
