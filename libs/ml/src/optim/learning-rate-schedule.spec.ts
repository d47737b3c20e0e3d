import {
  constantSchedule,
  cosineSchedule,
  createLearningRateSchedule,
  stepDecaySchedule,
  withLinearWarmup,
} from './learning-rate-schedule.js';

describe('learning-rate schedules', () => {
  it('keeps a constant rate', () => {
    const sut = constantSchedule(0.1);
    expect([0, 10, 1e6].map(sut)).toEqual([0.1, 0.1, 0.1]);
  });

  it('multiplies by gamma every stepSize updates', () => {
    const sut = stepDecaySchedule(1, 10, 0.5);
    expect([0, 9, 10, 19, 20, 35].map(sut)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('anneals along half a cosine to the floor, then stays there', () => {
    const sut = cosineSchedule(1, 100, 0.1);
    expect(sut(0)).toBeCloseTo(1, 15);
    expect(sut(50)).toBeCloseTo(0.55, 15);
    expect(sut(100)).toBeCloseTo(0.1, 15);
    expect(sut(250)).toBeCloseTo(0.1, 15);
    expect(sut(25)).toBeCloseTo(0.1 + (0.9 * (1 + Math.SQRT1_2)) / 2, 15);
  });

  it('warms up linearly, then hands over to the inner schedule from its start', () => {
    const sut = withLinearWarmup(stepDecaySchedule(1, 2, 0.5), 4);
    expect([0, 1, 2, 3, 4, 5, 6].map(sut)).toEqual([0.25, 0.5, 0.75, 1, 1, 1, 0.5]);
  });

  it('builds a cosine config over the run length minus the warmup', () => {
    const sut = createLearningRateSchedule({ kind: 'cosine', learningRate: 2, warmupSteps: 10 }, 110);
    expect(sut(9)).toBeCloseTo(2, 15);
    expect(sut(60)).toBeCloseTo(1, 15);
    expect(sut(110)).toBeCloseTo(0, 15);
  });

  it('rejects a negative rate and a zero step size', () => {
    expect(() => constantSchedule(-1)).toThrow(RangeError);
    expect(() => stepDecaySchedule(1, 0, 0.5)).toThrow(RangeError);
  });
});
