// Batch gradients from per-example gradients (the minibatch trainer's; DP-SGD with per-example
// clipping is the CRF tagger's, models/tagger/dp-sgd-crf.trainer.ts).
import type { GradientBuffer } from '../optim/gradient-buffer.js';
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
