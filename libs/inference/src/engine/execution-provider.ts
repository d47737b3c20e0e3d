// Where sessions run and with how many threads. Each onnxruntime session owns an intra-op thread pool,
// so N workers x T threads must not exceed the cores or the pools fight each other for them
// (onnxruntime docs, "Thread management"). CUDA only when asked for and present; never a hard failure.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';

export type InferenceDevice = 'cpu' | 'cuda';

export interface EngineLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface ThreadPlan {
  workers: number;
  intraOpNumThreads: number;
  interOpNumThreads: number;
}

/** Workers x intra-op threads <= cores, one core left to the event loop on larger machines. */
export function planThreads(
  requested: Partial<ThreadPlan> = {},
  cores = availableParallelism(),
): ThreadPlan & { oversubscribed: boolean } {
  const workers = requested.workers ?? Math.max(1, Math.min(4, Math.floor(cores / 2)));
  // The event loop needs a core of its own too (it stacks batches and answers callers).
  const intraOpNumThreads = requested.intraOpNumThreads ?? Math.max(1, Math.floor((cores - 1) / workers));
  const interOpNumThreads = requested.interOpNumThreads ?? 1;
  for (const [name, v] of Object.entries({ workers, intraOpNumThreads, interOpNumThreads }))
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`inference ${name} must be a positive integer, got ${v}`);
  return {
    workers,
    intraOpNumThreads,
    interOpNumThreads,
    oversubscribed: workers * intraOpNumThreads > cores,
  };
}

export function parseDevice(value: string | undefined): InferenceDevice {
  if (value === undefined || value === '' || value === 'cpu') return 'cpu';
  if (value === 'cuda' || value === 'gpu') return 'cuda';
  throw new Error(`INFERENCE_DEVICE must be cpu or cuda, got "${value}"`);
}

/**
 * Whether onnxruntime-node's CUDA provider library is installed beside its binding. The npm package
 * ships without it; its install script fetches it on a GPU host (skipped here by .npmrc).
 */
export function cudaProviderInstalled(): boolean {
  try {
    const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
    const bin = join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
    return existsSync(join(bin, 'libonnxruntime_providers_cuda.so'));
  } catch {
    return false;
  }
}
