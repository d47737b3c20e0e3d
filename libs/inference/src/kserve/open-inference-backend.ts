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
 * Makes `backend` serve the given model versions: the process's local engine loads those it has not
 * loaded yet (it starts with none, InferenceModule); a remote server must already serve them.
 */
export async function ensureModelsServed(
  backend: InferenceBackend,
  models: Record<string, string[] | 'all'>,
): Promise<void> {
  for (const [name, versions] of Object.entries(models)) {
    if (backend instanceof LocalInferenceEngine) {
      if (versions === 'all') {
        if (!backend.registry.has(name)) await backend.loadModel(name);
        continue;
      }
      for (const version of versions) {
        const known =
          backend.registry.has(name) &&
          backend.registry.list().some((s) => s.name === name && s.version === version && s.ready);
        if (known) continue;
        const state = await backend.loadVersion(name, version);
        if (!state.ready)
          throw new Error(
            `model ${name} version ${version} is not ready: ${state.reason ?? 'no reason given'}`,
          );
      }
      continue;
    }
    for (const version of versions === 'all' ? [undefined] : versions) {
      const status = await backend.modelStatus(name, version);
      if (!status.ready) throw new Error(`model ${name} is not ready: ${status.reason ?? 'no reason given'}`);
    }
  }
}

/**
 * A model loader's backend: the process's engine it was given (InferenceModule's; its owner closes it),
 * made to serve `local`'s models; or, outside Nest only (CLI, benches, training), one opened for
 * `local`'s models (local or remote, as above) that `close()` shuts down.
 */
export async function borrowOrOpenBackend(
  given: InferenceBackend | undefined,
  local: LocalInferenceEngineOptions,
): Promise<{ backend: InferenceBackend; close(): Promise<void> }> {
  if (given) {
    await ensureModelsServed(given, local.models ?? {});
    return { backend: given, close: () => Promise.resolve() };
  }
  const backend = await openInferenceBackend(local);
  return { backend, close: () => backend.close() };
}
