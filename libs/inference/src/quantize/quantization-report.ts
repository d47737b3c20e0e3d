// What a quantized model costs and gains, measured against its fp32 source in the same process: file
// size ratio, median latency ratio, and output agreement on a sample (plus accuracy when labelled).
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import type { NamedTensors } from '../engine/tensor.js';
import { adaptInt8ModelToCpu, detectInt8Cpu, quantizedSessionConfig } from './int8-cpu-support.js';

export interface OutputAgreement {
  output: string;
  maxAbsDiff: number;
  meanAbsDiff: number;
  /** Largest |fp32 output|, to read maxAbsDiff against. */
  maxAbsReference: number;
  /** Share of rows whose argmax (or 0.5 threshold for one column) is unchanged. */
  decisionAgreement: number;
}

export interface QuantizationReport {
  fp32Bytes: number;
  int8Bytes: number;
  sizeRatio: number;
  fp32MedianMs: number;
  int8MedianMs: number;
  latencyRatio: number;
  latencyRuns: number;
  sampleRows: number;
  maxAbsDiff: number;
  outputs: OutputAgreement[];
  accuracy?: { fp32: number; int8: number; delta: number; output: string };
}

export interface MeasureOptions {
  sample: NamedTensors;
  /** Class index per sample row; scored on `labelOutput` (default: the first output). */
  labels?: number[];
  labelOutput?: string;
  /** Timed runs per model (median reported). */
  runs?: number;
  warmupRuns?: number;
}

function toOrtFeeds(sample: NamedTensors): Record<string, ort.Tensor> {
  return Object.fromEntries(
    Object.entries(sample).map(([name, t]) => [name, new ort.Tensor(t.dtype, t.data, t.dims)]),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per row: argmax over the last dimension, or p >= 0.5 when there is a single column. */
export function decisionsOf(data: ArrayLike<number>, dims: readonly number[]): number[] {
  const cols = dims.length > 1 ? dims[dims.length - 1] : 1;
  const rows = Math.floor(data.length / Math.max(cols, 1));
  return Array.from({ length: rows }, (_, r) => {
    if (cols === 1) return data[r] >= 0.5 ? 1 : 0;
    let best = 0;
    for (let c = 1; c < cols; c++) if (data[r * cols + c] > data[r * cols + best]) best = c;
    return best;
  });
}

function numbersOf(t: ort.Tensor): Float64Array {
  const data = t.data;
  if (Array.isArray(data)) throw new Error('string outputs cannot be compared numerically');
  return Float64Array.from(data as ArrayLike<number | bigint>, Number);
}

function compareOutput(name: string, ref: ort.Tensor, got: ort.Tensor): OutputAgreement {
  const a = numbersOf(ref);
  const b = numbersOf(got);
  if (a.length !== b.length) throw new Error(`output ${name}: ${a.length} vs ${b.length} elements`);
  let maxAbsDiff = 0;
  let sum = 0;
  let maxAbsReference = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > maxAbsDiff || Number.isNaN(d)) maxAbsDiff = Number.isNaN(d) ? Infinity : d;
    maxAbsReference = Math.max(maxAbsReference, Math.abs(a[i]));
  }
  const da = decisionsOf(a, ref.dims);
  const db = decisionsOf(b, got.dims);
  const same = da.filter((v, i) => v === db[i]).length;
  return {
    output: name,
    maxAbsDiff,
    meanAbsDiff: a.length ? sum / a.length : 0,
    maxAbsReference,
    decisionAgreement: da.length ? same / da.length : 1,
  };
}

function accuracyOf(t: ort.Tensor, labels: number[]): number {
  const decisions = decisionsOf(numbersOf(t), t.dims);
  if (decisions.length !== labels.length) {
    throw new Error(`${labels.length} labels for ${decisions.length} sample rows`);
  }
  return decisions.filter((d, i) => d === labels[i]).length / labels.length;
}

export async function measureQuantization(
  fp32: Uint8Array,
  int8: Uint8Array,
  options: MeasureOptions,
): Promise<QuantizationReport> {
  // One intra-op thread each: the ratio should reflect the kernels, not how the two sessions share cores.
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionProviders: ['cpu'],
  };
  const reference = await ort.InferenceSession.create(fp32, sessionOptions);
  // As the engine serves it: weights that would saturate this CPU run as uint8, and weight-only
  // DequantizeLinear folds at load (int8-cpu-support.ts).
  const served = adaptInt8ModelToCpu(int8, detectInt8Cpu());
  const quantized = await ort.InferenceSession.create(served, {
    ...sessionOptions,
    extra: quantizedSessionConfig(served),
  });
  try {
    const feeds = toOrtFeeds(options.sample);
    const refOut = await reference.run(feeds);
    const gotOut = await quantized.run(feeds);
    const outputs = reference.outputNames.map((name) => compareOutput(name, refOut[name], gotOut[name]));

    const runs = options.runs ?? 50;
    for (let i = 0; i < (options.warmupRuns ?? 5); i++) {
      await reference.run(feeds);
      await quantized.run(feeds);
    }
    // Interleaved, so that drift in machine load hits both models alike.
    const fp32Ms: number[] = [];
    const int8Ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      await reference.run(feeds);
      fp32Ms.push(performance.now() - t0);
      t0 = performance.now();
      await quantized.run(feeds);
      int8Ms.push(performance.now() - t0);
    }

    const firstInput = Object.values(options.sample)[0];
    const report: QuantizationReport = {
      fp32Bytes: fp32.byteLength,
      int8Bytes: int8.byteLength,
      sizeRatio: int8.byteLength / fp32.byteLength,
      fp32MedianMs: median(fp32Ms),
      int8MedianMs: median(int8Ms),
      latencyRatio: median(int8Ms) / median(fp32Ms),
      latencyRuns: runs,
      sampleRows: firstInput?.dims[0] ?? 0,
      maxAbsDiff: Math.max(0, ...outputs.map((o) => o.maxAbsDiff)),
      outputs,
    };
    if (options.labels) {
      const output = options.labelOutput ?? reference.outputNames[0];
      if (!refOut[output]) throw new Error(`the model has no output ${output}`);
      const a = accuracyOf(refOut[output], options.labels);
      const b = accuracyOf(gotOut[output], options.labels);
      report.accuracy = { fp32: a, int8: b, delta: b - a, output };
    }
    return report;
  } finally {
    await reference.release();
    await quantized.release();
  }
}
