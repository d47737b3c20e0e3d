// Population stability index between a reference (expected) and a recent (actual) sample of a score
// or feature: PSI = sum over bins of (a - e) ln(a / e), bins cut at the expected sample's quantiles.
// Bands 0.10 / 0.25 as in Siddiqi 2006 ("Credit Risk Scorecards") and Yurdakul 2018 ("Statistical
// properties of the population stability index").
import { QuantileBinner } from '../features/quantile-binning.js';

export type PsiBand = 'stable' | 'moderate-shift' | 'significant-shift';

export interface PsiBin {
  lower: number;
  upper: number;
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

export interface PsiResult {
  psi: number;
  band: PsiBand;
  bins: PsiBin[];
}

export interface PsiOptions {
  /** Quantile bins of the expected sample (default 10; fewer when ties merge cut points). */
  bins?: number;
  /** Share used in place of an empty bin's 0 so the log stays finite (default 1e-4). */
  epsilon?: number;
}

export function psiBand(psi: number): PsiBand {
  if (psi < 0.1) return 'stable';
  if (psi < 0.25) return 'moderate-shift';
  return 'significant-shift';
}

export function populationStabilityIndex(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  options: PsiOptions = {},
): PsiResult {
  const epsilon = options.epsilon ?? 1e-4;
  if (!(epsilon > 0)) throw new RangeError(`epsilon must be > 0, got ${epsilon}`);
  const binner = QuantileBinner.fit(expected, options.bins ?? 10);
  const share = (values: ArrayLike<number>): number[] => {
    const counts = new Array<number>(binner.binCount).fill(0);
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const k = binner.binOf(values[i]);
      if (k < 0) continue; // missing values are not part of the distribution compared here
      counts[k]++;
      n++;
    }
    if (n === 0) throw new RangeError('no finite values to compare');
    return counts.map((c) => (c === 0 ? epsilon : c / n));
  };
  const e = share(expected);
  const a = share(actual);
  const cuts = binner.cutPoints;
  const bins = e.map((eShare, k): PsiBin => {
    const contribution = (a[k] - eShare) * Math.log(a[k] / eShare);
    return {
      lower: k === 0 ? -Infinity : cuts[k - 1],
      upper: k === cuts.length ? Infinity : cuts[k],
      expectedShare: eShare,
      actualShare: a[k],
      contribution,
    };
  });
  const psi = bins.reduce((s, b) => s + b.contribution, 0);
  return { psi, band: psiBand(psi), bins };
}
