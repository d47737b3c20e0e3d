import { coveragePrecisionCurve, perIntentThresholds } from './intent-thresholds.js';

const example = (intent: string, probability: number, truth: string) => ({
  ranked: [
    { intent, probability },
    { intent: 'other', probability: 1 - probability },
  ],
  truth,
});

describe('per-intent thresholds', () => {
  // "easy" is right from 0.55 up (10 rows); "hard" is wrong up to 0.85.
  const easy = Array.from({ length: 10 }, (_, k) => example('easy', 0.55 + k * 0.04, 'easy'));
  const hard = [
    ...Array.from({ length: 5 }, (_, k) => example('hard', 0.6 + k * 0.05, 'other')),
    ...Array.from({ length: 10 }, (_, k) => example('hard', 0.86 + k * 0.01, 'hard')),
  ];

  it('lowers the threshold of a reliable intent and raises that of an unreliable one', () => {
    expect(perIntentThresholds([...easy, ...hard], 0.74, 0.97)).toEqual({ easy: 0.55, hard: 0.86 });
  });

  it('keeps the global threshold without enough rows to lower it', () => {
    expect(perIntentThresholds(easy.slice(0, 5), 0.74, 0.97)).toEqual({});
  });

  it('never lowers below the floor or more than the maximum drop', () => {
    expect(perIntentThresholds(easy, 0.9, 0.97, { minSupport: 2, floor: 0.5, maxDrop: 0.2 })).toEqual({
      easy: 0.7,
    });
  });

  it('measures coverage and precision of both on held-out rows', () => {
    const [point] = coveragePrecisionCurve([...easy, ...hard], [...easy, ...hard], [0.97]);
    expect(point.perIntent.precision).toBe(1);
    expect(point.perIntent.intentsChanged).toBe(1);
    expect(point.perIntent.coverage).toBeGreaterThanOrEqual(point.global.coverage);
  });
});
