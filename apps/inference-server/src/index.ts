// The entry point of inference-server for the CLI (apps/cli): what an operator's command may use of this
// service. Nothing else of the service is imported from outside it (eslint.config.mjs, boundaries).
export { HTTP_APP } from './app.definition.js';
export { AppModule } from './app.module.js';
export { inferenceServerEnvShape, inferenceServerEnvSchema } from './inference-server.config.js';
export type { InferenceServerConfig } from './inference-server.config.js';
