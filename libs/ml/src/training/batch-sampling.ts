// How examples are drawn into batches: shuffled fixed-size batches for ordinary training, Poisson
// sampling for DP-SGD (each example joins each step independently with probability q, as the RDP
// analysis of the sampled Gaussian assumes; Mironov, Talwar & Zhang 2019).
import { Rng } from '../random/rng.js';

/** A fresh permutation of 0..n-1 cut into batches of batchSize (the last one may be smaller). */
export function shuffledBatches(n: number, batchSize: number, rng: Rng): Int32Array[] {
  if (!(Number.isInteger(batchSize) && batchSize >= 1))
    throw new RangeError(`batch size must be >= 1, got ${batchSize}`);
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const batches: Int32Array[] = [];
  for (let start = 0; start < n; start += batchSize)
    batches.push(Int32Array.from(order.slice(start, start + batchSize)));
  return batches;
}

/**
 * One Poisson-sampled batch (possibly empty), in index order: one coin flip rng.next() < q per
 * example, n draws. (Drawing geometric gaps would need only O(q n) draws for the same distribution,
 * but not the same members for a seed: the shipped DP model was trained with these flips.)
 */
export function poissonBatch(n: number, sampleRate: number, rng: Rng): Int32Array {
  if (!(sampleRate >= 0 && sampleRate <= 1))
    throw new RangeError(`sample rate must be in [0, 1], got ${sampleRate}`);
  const members: number[] = [];
  for (let i = 0; i < n; i++) if (rng.next() < sampleRate) members.push(i);
  return Int32Array.from(members);
}

/** Independent streams of one run: batch order and DP noise must not shift each other. */
export function trainingStreams(seed: number): { batches: Rng; noise: Rng } {
  const root = new Rng(seed);
  return { batches: root.fork(), noise: root.fork() };
}
