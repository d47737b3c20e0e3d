// Early stopping on a dev metric: stop after `patience` epochs without an improvement larger than
// minDelta, and keep a copy of the best parameters to restore.
import type { FloatArray, ParameterSet } from '../optim/parameter-set.js';

export interface EarlyStoppingOptions {
  patience: number;
  minDelta?: number;
  /** Put the best epoch's parameters back at the end (default true). */
  restoreBest?: boolean;
}

export class EarlyStopping {
  bestMetric: number | undefined;
  bestEpoch: number | undefined;
  private snapshot: FloatArray | undefined;
  private epochsWithoutImprovement = 0;

  constructor(
    private readonly options: EarlyStoppingOptions,
    private readonly higherIsBetter: boolean,
  ) {
    if (!(options.patience >= 1)) throw new RangeError(`patience must be >= 1, got ${options.patience}`);
  }

  /** Records an epoch's metric; snapshots the parameters when it improved. */
  observe(epoch: number, metric: number, params: ParameterSet): { improved: boolean; stop: boolean } {
    const minDelta = this.options.minDelta ?? 0;
    const improved =
      !Number.isNaN(metric) &&
      (this.bestMetric === undefined ||
        (this.higherIsBetter ? metric > this.bestMetric + minDelta : metric < this.bestMetric - minDelta));
    if (improved) {
      this.bestMetric = metric;
      this.bestEpoch = epoch;
      this.epochsWithoutImprovement = 0;
      if (this.options.restoreBest ?? true) {
        if (this.snapshot) this.snapshot.set(params.values);
        else this.snapshot = params.snapshot();
      }
    } else {
      this.epochsWithoutImprovement++;
    }
    return { improved, stop: this.epochsWithoutImprovement >= this.options.patience };
  }

  /** Restores the best parameters; returns whether anything was restored. */
  restoreBest(params: ParameterSet): boolean {
    if (!this.snapshot) return false;
    params.restore(this.snapshot);
    return true;
  }
}
