// Test support (not exported from the lib): small seeded data sets, dense and hashed-sparse.
import type { SparseVector } from '../src/features/sparse-vector.js';
import { Rng } from '../src/random/rng.js';
import type { TrainingExample } from '../src/training/trainable-classifier.js';

/** A sparse vector with `nnz` distinct ascending indices below inputDim and normal values. */
export function randomSparseVector(rng: Rng, inputDim: number, nnz: number): SparseVector {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(nnz, inputDim)) chosen.add(rng.int(inputDim));
  const indices = Int32Array.from(chosen).sort();
  return { indices, values: Float32Array.from(indices, () => rng.normal()) };
}

/** Dense rows with labels from a noisy linear rule (multiclass: argmax of random projections). */
export function linearlyGeneratedExamples(options: {
  count: number;
  inputDim: number;
  classes: number;
  seed: number;
  noise?: number;
  sparseNnz?: number;
}): TrainingExample[] {
  const { count, inputDim, classes, noise = 0.5 } = options;
  const rng = new Rng(options.seed);
  const width = classes === 2 ? 1 : classes;
  const w = Float64Array.from({ length: inputDim * width }, () => rng.normal());
  return Array.from({ length: count }, () => {
    const sparse = options.sparseNnz ? randomSparseVector(rng, inputDim, options.sparseNnz) : undefined;
    const dense = sparse ? undefined : Float64Array.from({ length: inputDim }, () => rng.normal());
    const score = new Float64Array(width);
    for (let o = 0; o < width; o++) {
      if (sparse) sparse.indices.forEach((j, k) => (score[o] += sparse.values[k] * w[j * width + o]));
      else dense!.forEach((v, j) => (score[o] += v * w[j * width + o]));
      score[o] += noise * rng.normal();
    }
    const label = width === 1 ? (score[0] > 0 ? 1 : 0) : score.indexOf(Math.max(...score));
    return { x: sparse ?? dense!, label };
  });
}
