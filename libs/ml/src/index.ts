export * from './random/rng.js';
export * from './features/sparse-vector.js';
