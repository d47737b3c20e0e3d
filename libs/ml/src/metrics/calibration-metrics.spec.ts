import { brierScore, calibrationTable } from './calibration-metrics.js';

describe('calibration metrics', () => {
  it('reproduces the scikit-learn brier_score_loss example', () => {
    expect(brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])).toBeCloseTo(0.0375, 15);
  });

  it('reproduces the scikit-learn calibration_curve example (3 uniform bins)', () => {
    const sut = calibrationTable(
      [0, 0, 0, 0, 1, 1, 1, 1, 1],
      [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0],
      { bins: 3 },
    );
    expect(sut.map((b) => b.observedRate)).toEqual([0, 0.5, 1]);
    sut.map((b) => b.meanPredicted).forEach((m, k) => expect(m).toBeCloseTo([0.2, 0.525, 0.85][k], 12));
    expect(sut.map((b) => b.count)).toEqual([3, 2, 4]);
  });

  it('leaves out empty bins and supports equal-count bins', () => {
    expect(calibrationTable([0, 1], [0.05, 0.95], { bins: 10 }).map((b) => b.lower)).toEqual([0, 0.9]);
    const sut = calibrationTable([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], { bins: 2, strategy: 'quantile' });
    expect(sut.map((b) => b.count)).toEqual([2, 2]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => brierScore([0], [1.2])).toThrow(/\[0, 1\]/);
  });
});
