// Batch gradients from per-example gradients. The plain and the DP path share ExampleGradient.addTo,
// so DP-SGD with no clipping (C = Infinity, factor 1) and no noise computes bit for bit the same
// update as plain SGD on the same batches. The DP step is Abadi et al. 2016, Algorithm 1, with
// Opacus' clip factor min(1, C / (||g|| + 1e-6)) over all parameters.
import type { GradientBuffer } from '../optim/gradient-buffer.js';
import type { Rng } from '../random/rng.js';
import type { ExampleGradient } from './example-gradient.js';
import type { ClassificationLoss, TrainableClassifier, TrainingExample } from './trainable-classifier.js';

/** grad += sum of the batch's per-example gradients; returns the sum of their losses. */
export function accumulateBatchGradient(
  model: TrainableClassifier,
  loss: ClassificationLoss,
  examples: readonly TrainingExample[],
  batch: Int32Array,
  grad: GradientBuffer,
  scratch: ExampleGradient,
): number {
  let lossSum = 0;
  for (let k = 0; k < batch.length; k++) {
    lossSum += model.computeExampleGradient(examples[batch[k]], loss, scratch);
    scratch.addTo(grad, 1);
  }
  return lossSum;
}

export function clipFactor(gradientNorm: number, maxGradNorm: number): number {
  return Math.min(1, maxGradNorm / (gradientNorm + 1e-6));
}

export interface ClippedBatchStats {
  lossSum: number;
  /** Examples whose gradient norm exceeded the bound (factor < 1). */
  clipped: number;
}

/** grad += sum of per-example gradients, each scaled to norm <= maxGradNorm. */
export function accumulateClippedGradients(
  model: TrainableClassifier,
  loss: ClassificationLoss,
  examples: readonly TrainingExample[],
  batch: Int32Array,
  maxGradNorm: number,
  grad: GradientBuffer,
  scratch: ExampleGradient,
): ClippedBatchStats {
  let lossSum = 0;
  let clipped = 0;
  for (let k = 0; k < batch.length; k++) {
    lossSum += model.computeExampleGradient(examples[batch[k]], loss, scratch);
    const factor = clipFactor(Math.sqrt(scratch.normSquared()), maxGradNorm);
    if (factor < 1) clipped++;
    scratch.addTo(grad, factor);
  }
  return { lossSum, clipped };
}

/** Adds N(0, std^2) to every coordinate, untouched input rows included (DP needs all of them). */
export function addGaussianNoise(grad: GradientBuffer, std: number, rng: Rng): void {
  grad.touchAllRows();
  const g = grad.values;
  for (let i = 0; i < g.length; i++) g[i] += std * rng.normal();
}
