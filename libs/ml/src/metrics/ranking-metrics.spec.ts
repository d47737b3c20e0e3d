import { Rng } from '../random/rng.js';
import { ksStatistic, rocAuc, rocCurve } from './ranking-metrics.js';

function pairwiseAuc(labels: number[], scores: number[]): number {
  let s = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < labels.length; j++) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      pairs++;
      s += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return s / pairs;
}

describe('ranking metrics', () => {
  it('reproduces the scikit-learn roc_auc_score example', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('counts ties one half (average ranks)', () => {
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('equals the pairwise Mann-Whitney count and the trapezoid area on tied random data', () => {
    const rng = new Rng(5);
    const labels = Array.from({ length: 300 }, () => (rng.next() < 0.3 ? 1 : 0));
    const scores = labels.map((y) => Math.round((rng.next() + 0.3 * y) * 10) / 10);
    const sut = rocAuc(labels, scores);
    expect(sut).toBeCloseTo(pairwiseAuc(labels, scores), 12);
    const curve = rocCurve(labels, scores);
    let area = 0;
    for (let k = 1; k < curve.length; k++)
      area += ((curve[k].fpr - curve[k - 1].fpr) * (curve[k].tpr + curve[k - 1].tpr)) / 2;
    expect(sut).toBeCloseTo(area, 12);
  });

  it('gives the scikit-learn roc_curve points and the KS statistic', () => {
    const curve = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(curve).toEqual([
      { threshold: Infinity, fpr: 0, tpr: 0 },
      { threshold: 0.8, fpr: 0, tpr: 0.5 },
      { threshold: 0.4, fpr: 0.5, tpr: 0.5 },
      { threshold: 0.35, fpr: 0.5, tpr: 1 },
      { threshold: 0.1, fpr: 1, tpr: 1 },
    ]);
    expect(ksStatistic([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toEqual({ ks: 0.5, threshold: 0.8 });
    expect(ksStatistic([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]).ks).toBe(1);
  });

  it('rejects a single-class sample and labels other than 0/1', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/both positive and negative/);
    expect(() => rocAuc([0, 2], [0.2, 0.3])).toThrow(/0 or 1/);
  });
});
