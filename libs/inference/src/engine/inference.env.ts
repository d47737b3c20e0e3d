// The engine's variables (docker/, docker/k8s/): the model repository, a remote KServe v2 server (Triton
// or apps/inference-server), and the execution provider. Every app that runs the engine composes them
// into its config schema (`platformEnvSchema.extend({ ...inferenceEnvShape, ... })`).
import { envSecret } from '@suite/platform';
import { z } from 'zod';

export const inferenceEnvShape = {
  MODELS_DIR: z.string().min(1).default('models'),
  INFERENCE_URL: z.url({ protocol: /^https?$/ }).optional(),
  INFERENCE_API_KEY: envSecret(z.string().min(1).optional()),
  INFERENCE_DEVICE: z.enum(['cpu', 'cuda', 'gpu']).default('cpu'),
  INFERENCE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  INFERENCE_INTRA_OP_THREADS: z.coerce.number().int().min(1).max(256).optional(),
};
