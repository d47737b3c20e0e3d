// The inference server's variables: its port, and the engine's (the model repository it serves, a
// remote server, the execution provider); composed with the platform's at the app's bootstrap.
import { inferenceEnvShape } from '@suite/inference';
import { envPort, loadConfig, platformEnvSchema } from '@suite/platform';
import { z } from 'zod';

export const inferenceServerEnvShape = { INFERENCE_SERVER_PORT: envPort.default(8000) };

export const inferenceServerEnvSchema = platformEnvSchema.extend({
  ...inferenceEnvShape,
  ...inferenceServerEnvShape,
});
export type InferenceServerConfig = z.infer<typeof inferenceServerEnvSchema>;

export function loadInferenceServerConfig(env: NodeJS.ProcessEnv = process.env): InferenceServerConfig {
  return loadConfig(env, inferenceServerEnvSchema);
}
