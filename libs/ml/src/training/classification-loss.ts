// Losses on logits with their analytic gradients. One logit means a binary model (sigmoid), several a
// softmax model. The distillation loss is Hinton, Vinyals & Dean 2015 ("Distilling the Knowledge in a
// Neural Network", §2): (1 - a) * CE(label, p) + a * T^2 * KL(teacher_T || student_T), where _T
// means softened by temperature T; the T^2 keeps the soft term's gradient scale independent of T.
import { logSigmoid, logSumExp, sigmoid, softmaxInto } from '../models/linear/activation-functions.js';
import type { ClassificationLoss, TrainingExample } from './trainable-classifier.js';

/** Negative log-likelihood of the label; dLoss/dlogits = p - onehot(label). */
export const crossEntropyLoss: ClassificationLoss = {
  name: 'cross-entropy',
  lossAndGradient(logits, example, dLogits) {
    return hardCrossEntropy(logits, example.label, dLogits, 1);
  },
};

export interface DistillationLossOptions {
  /** Softening temperature T >= 1 applied to the student and (already) to the teacher's targets. */
  temperature: number;
  /** Weight a of the soft term; 1 - a goes to the hard labels. */
  softWeight: number;
}

export function distillationLoss(options: DistillationLossOptions): ClassificationLoss {
  const { temperature: t, softWeight: a } = options;
  if (!(t > 0)) throw new RangeError(`temperature must be > 0, got ${t}`);
  if (!(a >= 0 && a <= 1)) throw new RangeError(`soft weight must be in [0, 1], got ${a}`);
  let tempered = new Float64Array(0);
  return {
    name: `distillation(T=${t}, a=${a})`,
    lossAndGradient(logits, example, dLogits) {
      // The hard term writes dLogits (with weight 0 when a = 1, which still validates the label).
      const hard = hardCrossEntropy(logits, example.label, dLogits, 1 - a);
      if (a === 0) return hard;
      const q = softTargetOf(example, logits.length);
      let kl = 0;
      if (logits.length === 1) {
        const u = logits[0] / t;
        kl = crossEntropyTerm(q[1], logSigmoid(u)) + crossEntropyTerm(q[0], logSigmoid(-u));
        dLogits[0] += a * t * (sigmoid(u) - q[1]);
      } else {
        if (tempered.length !== logits.length) tempered = new Float64Array(logits.length);
        softmaxInto(logits, tempered, 1 / t);
        const lse = logSumExp(logits, 1 / t);
        for (let k = 0; k < logits.length; k++) {
          kl += crossEntropyTerm(q[k], logits[k] / t - lse);
          dLogits[k] += a * t * (tempered[k] - q[k]);
        }
      }
      return (1 - a) * hard + a * t * t * kl;
    },
  };
}

/**
 * Softens a teacher's probability row by temperature T: q_k proportional to p_k^(1/T), which is
 * softmax(log p / T), i.e. the teacher's logits divided by T. A single value is read as binary P(y=1).
 */
export function temperTeacherProbabilities(
  probabilities: ArrayLike<number>,
  temperature: number,
): Float64Array {
  const row =
    probabilities.length === 1 ? [1 - probabilities[0], probabilities[0]] : Array.from(probabilities);
  const logP = row.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`teacher probability out of [0, 1]: ${p}`);
    return Math.log(p);
  });
  return softmaxInto(logP, new Float64Array(row.length), 1 / temperature);
}

function softTargetOf(example: TrainingExample, logitCount: number): Float64Array {
  const q = example.soft;
  const expected = logitCount === 1 ? 2 : logitCount;
  if (!q || q.length !== expected)
    throw new RangeError(`distillation needs a soft target of ${expected} probabilities per example`);
  return q;
}

/** q * (log q - log s): one term of KL(q || s), with 0 log 0 = 0. */
function crossEntropyTerm(q: number, logS: number): number {
  return q > 0 ? q * (Math.log(q) - logS) : 0;
}

function hardCrossEntropy(
  logits: Float64Array,
  label: number,
  dLogits: Float64Array,
  weight: number,
): number {
  if (logits.length === 1) {
    if (label !== 0 && label !== 1) throw new RangeError(`binary label must be 0 or 1, got ${label}`);
    const z = logits[0];
    dLogits[0] = weight * (sigmoid(z) - label);
    return -(label === 1 ? logSigmoid(z) : logSigmoid(-z));
  }
  if (!(Number.isInteger(label) && label >= 0 && label < logits.length))
    throw new RangeError(`label must be a class index in [0, ${logits.length}), got ${label}`);
  softmaxInto(logits, dLogits);
  const loss = logSumExp(logits) - logits[label];
  for (let k = 0; k < logits.length; k++) dLogits[k] *= weight;
  dLogits[label] -= weight;
  return loss;
}
