// The settings only this app reads. They belong in the platform's env schema eventually; until then
// they are validated here with the same rules (empty string = unset, boot fails naming the variable).
import { z } from 'zod';

const schema = z.object({
  INFERENCE_SERVER_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  MODELS_DIR: z.string().min(1).default('models'),
  /** Serve a remote v2 server's models instead of the local engine's (an authenticating gateway). */
  INFERENCE_URL: z.url({ protocol: /^https?$/ }).optional(),
  INFERENCE_API_KEY: z.string().min(1).optional(),
  /** Session worker threads and onnxruntime intra-op threads per worker (default: planned from cores). */
  INFERENCE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  INFERENCE_INTRA_OP_THREADS: z.coerce.number().int().min(1).max(256).optional(),
});

export type InferenceServerConfig = z.infer<typeof schema>;

export function loadInferenceServerConfig(env: NodeJS.ProcessEnv = process.env): InferenceServerConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in schema.shape && v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}
