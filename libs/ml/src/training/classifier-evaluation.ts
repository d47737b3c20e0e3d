// Metrics a trainer watches on the dev split; log loss by default because it is what training
// minimises and, unlike accuracy, moves smoothly from epoch to epoch.
import { logSigmoid, logSumExp } from '../models/linear/activation-functions.js';
import type { TrainableClassifier, TrainingExample } from './trainable-classifier.js';

export interface DevMetric {
  name: string;
  higherIsBetter: boolean;
  evaluate(model: TrainableClassifier, examples: readonly TrainingExample[]): number;
}

/** Mean negative log-likelihood of the hard labels. */
export function meanLogLoss(model: TrainableClassifier, examples: readonly TrainingExample[]): number {
  const z = new Float64Array(model.logitCount);
  let sum = 0;
  for (const e of examples) {
    model.computeLogits(e.x, z);
    sum -= z.length === 1 ? logSigmoid(e.label === 1 ? z[0] : -z[0]) : z[e.label] - logSumExp(z);
  }
  return examples.length > 0 ? sum / examples.length : NaN;
}

/** Share of examples whose most probable class (p >= 0.5 for binary) is the label. */
export function classificationAccuracy(
  model: TrainableClassifier,
  examples: readonly TrainingExample[],
): number {
  const z = new Float64Array(model.logitCount);
  let correct = 0;
  for (const e of examples) {
    model.computeLogits(e.x, z);
    let predicted = 0;
    if (z.length === 1) predicted = z[0] >= 0 ? 1 : 0;
    else for (let k = 1; k < z.length; k++) if (z[k] > z[predicted]) predicted = k;
    if (predicted === e.label) correct++;
  }
  return examples.length > 0 ? correct / examples.length : NaN;
}

export const devLogLoss: DevMetric = { name: 'dev_log_loss', higherIsBetter: false, evaluate: meanLogLoss };
export const devAccuracy: DevMetric = {
  name: 'dev_accuracy',
  higherIsBetter: true,
  evaluate: classificationAccuracy,
};
