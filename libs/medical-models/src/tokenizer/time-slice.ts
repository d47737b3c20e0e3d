// Cooperative scheduling for the text path: long loops check `spent()` and `await pause()` so no
// synchronous stretch runs longer than the slice and /health/live and other requests interleave.
//
// Why yielding and not a worker pool: after the linear-time fixes the pure-JS part of a document
// (tokenise, split, hash features, decode) costs a few microseconds per character, and the ONNX
// scoring already runs in libs/inference's worker threads. A text worker pool (piscina) would also
// use another core, but each document would be structured-cloned twice (text in; 80 feature ids,
// 320 bytes, per token out) and the worker could not load these TypeScript sources under jest
// without a loader of its own. Slicing bounds the event-loop lag, which is what liveness needs.
import { setImmediate as nextTurn } from 'node:timers/promises';

export const DEFAULT_SLICE_MS = 10;

export class TimeSlice {
  private started = performance.now();
  /** How many times the loop gave way; for tests and benches. */
  pauses = 0;

  constructor(private readonly budgetMs = DEFAULT_SLICE_MS) {}

  spent(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** Lets the event loop run (timers, I/O, other requests), then starts a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.pauses++;
    this.started = performance.now();
  }

  async pauseIfSpent(): Promise<void> {
    if (this.spent()) await this.pause();
  }
}
