import { accuracy, classificationReport, confusionMatrix, macroF1 } from './classification-metrics.js';

describe('classification metrics', () => {
  const truth = ['a', 'b', 'c', 'a'];
  const predicted = ['a', 'c', 'c', 'b'];

  it('computes accuracy and the confusion matrix over the sorted label union', () => {
    expect(accuracy(truth, predicted)).toBe(0.5);
    expect(confusionMatrix(truth, predicted)).toEqual({
      labels: ['a', 'b', 'c'],
      matrix: [
        [1, 1, 0],
        [0, 0, 1],
        [0, 0, 1],
      ],
    });
  });

  it('averages per-class F1 with zero for undefined classes (sklearn macro)', () => {
    expect(macroF1(truth, predicted)).toBeCloseTo((2 / 3 + 0 + 2 / 3) / 3, 15);
    const report = classificationReport(truth, predicted);
    expect(report.perClass.map((c) => c.support)).toEqual([2, 1, 1]);
    expect(report.perClass[2].precision).toBe(0.5);
    // A class that is never predicted nor present still counts when listed.
    expect(macroF1(['x'], ['x'], ['x', 'y'])).toBe(0.5);
  });

  it('rejects inputs of different lengths', () => {
    expect(() => accuracy(['a'], [])).toThrow(RangeError);
  });
});
