// `@suite/inference/testing`: models and a backend built for tests and benches (seeded, tiny, golden
// outputs computed in plain TypeScript), never used by a service. Not part of `@suite/inference`, and
// outside src (libs/inference/testing), so that src holds only what the engine ships.
export {
  buildGoldenMlp,
  goldenMlpCard,
  type GoldenMlp,
  seededInputs,
  seededRandom,
} from './fixture-models.js';
export { buildHashedSparseFixture, buildMlpFixture, type MlpFixture } from './mlp-fixture.js';
export { OnnxTestBackend } from './onnx-test.backend.js';
