import { LogisticRegression } from '../models/linear/logistic-regression.model.js';
import { SoftmaxRegression } from '../models/linear/softmax-regression.model.js';
import { silentProgress, type TrainingProgressListener } from '../progress/training-progress.js';
import { linearlyGeneratedExamples } from '../../testing/classifier-fixtures.testing.js';
import type { DevMetric } from './classifier-evaluation.js';
import { trainClassifier } from './minibatch-trainer.js';

describe('trainClassifier', () => {
  const data = linearlyGeneratedExamples({ count: 300, inputDim: 40, classes: 3, seed: 1, sparseNnz: 6 });
  const options = { epochs: 3, batchSize: 16, seed: 5, learningRate: 0.05 } as const;

  it('is deterministic given the seed, and the seed matters', () => {
    const run = (seed: number) => {
      const sut = new SoftmaxRegression({ inputDim: 40, classes: 3 });
      trainClassifier(sut, data, { ...options, seed, optimizer: { kind: 'sgd', momentum: 0.9, l2: 1e-3 } });
      return Array.from(sut.parameters.values);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('lowers the training loss and reports the dev log loss every epoch', () => {
    const sut = new SoftmaxRegression({ inputDim: 40, classes: 3 });
    const report = trainClassifier(sut, data.slice(0, 250), { ...options, epochs: 5, dev: data.slice(250) });
    expect(report.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(report.epochs[4].trainLoss).toBeLessThan(report.epochs[0].trainLoss);
    expect(report.epochs.every((e) => e.devMetricName === 'dev_log_loss' && e.devMetric! > 0)).toBe(true);
    expect(report.steps).toBe(5 * Math.ceil(250 / 16));
  });

  it('stops after `patience` epochs without improvement and restores the best epoch', () => {
    const scripted = [5, 4, 3, 3.5, 3.2, 2.9, 1];
    const seen: number[][] = [];
    const metric: DevMetric = {
      name: 'scripted',
      higherIsBetter: false,
      evaluate: (model) => {
        seen.push(Array.from(model.parameters.values));
        return scripted[seen.length - 1];
      },
    };
    const sut = new LogisticRegression({ inputDim: 40 });
    const binary = data.map((e) => ({ ...e, label: e.label === 0 ? 0 : 1 }));
    const report = trainClassifier(sut, binary, {
      ...options,
      epochs: 7,
      dev: binary.slice(0, 10),
      devMetric: metric,
      earlyStopping: { patience: 2 },
    });
    expect(report.stoppedEarly).toBe(true);
    expect(report.epochs).toHaveLength(5);
    expect([report.bestEpoch, report.bestDevMetric]).toEqual([3, 3]);
    expect(report.epochs.map((e) => e.improved)).toEqual([true, true, true, false, false]);
    expect(Array.from(sut.parameters.values)).toEqual(seen[2]);
  });

  it('reports steps and epochs to the progress listener and measures throughput on the injected clock', () => {
    const calls: string[] = [];
    const listener: TrainingProgressListener = {
      trainingStarted: (i) => calls.push(`start ${i.epochs}x${i.stepsPerEpoch}`),
      stepCompleted: (s) => calls.push(`step ${s.step}`),
      epochCompleted: (e) => calls.push(`epoch ${e.epoch}`),
      trainingFinished: (f) => calls.push(`done ${f.steps}`),
      trainingAborted: () => calls.push('aborted'),
    };
    let now = 0;
    const report = trainClassifier(new SoftmaxRegression({ inputDim: 40, classes: 3 }), data.slice(0, 40), {
      ...options,
      epochs: 2,
      batchSize: 20,
      progress: listener,
      clock: () => (now += 10),
    });
    expect(calls).toEqual([
      'start 2x2',
      'step 1',
      'step 2',
      'epoch 1',
      'step 3',
      'step 4',
      'epoch 2',
      'done 4',
    ]);
    // Each epoch reads the clock twice, 10 ms apart: 80 examples in 20 ms.
    expect(report.examplesPerSecond).toBe(4000);
  });

  it('tells the progress listener when training fails, then rethrows', () => {
    const calls: string[] = [];
    const listener = { ...silentProgress, trainingAborted: (e: unknown) => calls.push((e as Error).message) };
    const bad = [{ x: data[0].x, label: 7 }];
    const sut = new SoftmaxRegression({ inputDim: 40, classes: 3 });
    expect(() => trainClassifier(sut, bad, { ...options, progress: listener })).toThrow(RangeError);
    expect(calls).toEqual(['label must be a class index in [0, 3), got 7']);
  });

  it('rejects early stopping without a dev split and an empty training set', () => {
    const sut = new LogisticRegression({ inputDim: 40 });
    expect(() => trainClassifier(sut, data, { ...options, earlyStopping: { patience: 1 } })).toThrow(
      RangeError,
    );
    expect(() => trainClassifier(sut, [], options)).toThrow(RangeError);
  });
});
