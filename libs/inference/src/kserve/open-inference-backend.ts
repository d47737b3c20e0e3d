// How a service gets its InferenceBackend: with INFERENCE_URL set, a KServe v2 client for that server
// (Triton or apps/inference-server, which serve the same models/ folder); otherwise the in-process engine
// over the given models. Callers don't change either way.
import { LocalInferenceEngine, type LocalInferenceEngineOptions } from '../engine/local-inference.engine.js';
import type { InferenceBackend } from '../engine/inference-backend.js';
import { RemoteInferenceBackend, type RemoteInferenceOptions } from './remote-inference.backend.js';

/** The remote server named by the environment (INFERENCE_URL, INFERENCE_API_KEY), if any. */
export function remoteInferenceFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): RemoteInferenceOptions | undefined {
  const baseUrl = env.INFERENCE_URL;
  if (!baseUrl) return undefined;
  return { baseUrl, apiKey: env.INFERENCE_API_KEY || undefined };
}

export async function openInferenceBackend(
  local: LocalInferenceEngineOptions,
  remote: RemoteInferenceOptions | undefined = remoteInferenceFromEnv(),
): Promise<InferenceBackend> {
  if (!remote) return LocalInferenceEngine.create(local);
  const backend = new RemoteInferenceBackend(remote);
  // Fail at start, naming the models, rather than on the first request.
  for (const [name, versions] of Object.entries(local.models ?? {})) {
    for (const version of versions === 'all' ? [undefined] : versions) {
      const status = await backend.modelStatus(name, version);
      if (!status.ready)
        throw new Error(
          `model ${name} is not ready on ${remote.baseUrl}: ${status.reason ?? 'no reason given'}`,
        );
    }
  }
  return backend;
}

/**
 * A model loader's backend: the one it was given (its owner closes it), or one opened for `local`'s
 * models (local or remote, as above) that `close()` shuts down.
 */
export async function borrowOrOpenBackend(
  given: InferenceBackend | undefined,
  local: LocalInferenceEngineOptions,
): Promise<{ backend: InferenceBackend; close(): Promise<void> }> {
  if (given) return { backend: given, close: () => Promise.resolve() };
  const backend = await openInferenceBackend(local);
  return { backend, close: () => backend.close() };
}
