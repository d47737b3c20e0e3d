// Deterministic stratified hold-out: every class keeps (about) the same share in train and dev, and
// the same labels with the same seed always give the same split.
import { Rng } from '../random/rng.js';

export interface SplitOptions {
  /** Share of each class that goes to dev, in [0, 1). */
  devFraction: number;
  seed: number;
}

export interface IndexSplit {
  /** Row indices, ascending. */
  train: number[];
  dev: number[];
}

/**
 * Per class, shuffles that class's rows with a seeded Rng and sends round(n_c * devFraction) to
 * dev, leaving at least one row of every class in train. Classes are visited in sorted order so
 * the result does not depend on the order in which labels first appear.
 */
export function stratifiedSplit(labels: readonly (string | number)[], options: SplitOptions): IndexSplit {
  const { devFraction, seed } = options;
  if (!(devFraction >= 0 && devFraction < 1))
    throw new RangeError(`devFraction must be in [0, 1), got ${devFraction}`);
  const byClass = new Map<string | number, number[]>();
  labels.forEach((label, index) => {
    const rows = byClass.get(label);
    if (rows) rows.push(index);
    else byClass.set(label, [index]);
  });
  const classes = [...byClass.keys()].sort((a, b) =>
    String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const rng = new Rng(seed);
  const train: number[] = [];
  const dev: number[] = [];
  for (const label of classes) {
    const rows = rng.shuffle([...(byClass.get(label) ?? [])]);
    const nDev = Math.min(Math.round(rows.length * devFraction), rows.length - 1);
    for (let k = 0; k < rows.length; k++) (k < nDev ? dev : train).push(rows[k]);
  }
  train.sort((a, b) => a - b);
  dev.sort((a, b) => a - b);
  return { train, dev };
}
