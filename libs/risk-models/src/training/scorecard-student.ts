// The served model: a logistic scorecard over RiskFeatureEncoder's inputs, distilled from the teacher
// (Hinton et al. 2015) and trained by projected Adam so that it stays monotone in months late.
import {
  createOptimizer,
  distillClassifier,
  LogisticRegression,
  ProjectedOptimizer,
  type SparseVector,
  trainClassifier,
  type TrainingExample,
} from '@suite/ml';
import type { EncodedApplicant, RiskFeatureEncoder } from '../features/risk-features.js';
import { projectMonotone } from './projected-optimizer.js';

export interface StudentTrainingOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** P(default) of the teacher per example; without it the student learns from the labels alone. */
  teacherProbabilities?: readonly number[];
  temperature?: number;
  softWeight?: number;
  /** Continue from these weights (weekly retraining warm-starts from the champion). */
  warmStart?: LogisticRegression;
}

/** Ascending, unique, non-zero: what the libs/ml trainers expect (duplicates summed). */
export function toSparseInput(encoded: Pick<EncodedApplicant, 'indices' | 'values'>): SparseVector {
  const acc = new Map<number, number>();
  for (let k = 0; k < encoded.indices.length; k++) {
    const index = encoded.indices[k];
    if (index === 0 || encoded.values[k] === 0) continue;
    acc.set(index, (acc.get(index) ?? 0) + encoded.values[k]);
  }
  const indices = Int32Array.from([...acc.keys()].sort((a, b) => a - b));
  return { indices, values: Float32Array.from(indices, (i) => acc.get(i) ?? 0) };
}

export function trainScorecardStudent(
  encoder: RiskFeatureEncoder,
  examples: readonly TrainingExample[],
  options: StudentTrainingOptions,
): LogisticRegression {
  const model =
    options.warmStart ?? new LogisticRegression({ inputDim: encoder.inputDim, precision: 'float64' });
  const weights = model.describeNetwork().layers[0].weights;
  projectMonotone(weights, encoder.monotone);
  const optimizer = new ProjectedOptimizer(createOptimizer({ kind: 'adam', l2: options.l2 }), () =>
    projectMonotone(weights, encoder.monotone),
  );
  const training = {
    epochs: options.epochs,
    batchSize: options.batchSize,
    seed: options.seed,
    learningRate: options.learningRate,
    optimizer,
    label: 'student',
  };
  if (options.teacherProbabilities)
    distillClassifier(model, examples, {
      ...training,
      teacherProbabilities: options.teacherProbabilities.map((p) => [p]),
      temperature: options.temperature ?? 1,
      softWeight: options.softWeight ?? 0.5,
    });
  else trainClassifier(model, examples, training);
  projectMonotone(weights, encoder.monotone);
  return model;
}
