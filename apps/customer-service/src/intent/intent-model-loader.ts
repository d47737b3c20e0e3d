// Opens a shipped intent model: reads and checks its card, and serves it through libs/inference (a
// given backend, e.g. the service's engine, or a private LocalInferenceEngine: no database, as
// `eval intent` requires).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type EngineLogger,
  type InferenceBackend,
  borrowOrOpenBackend,
  newestModelVersion,
  type ModelCard,
} from '@suite/inference';
import type { Registry } from 'prom-client';
import { IntentClassifier } from './intent-classifier.js';
import { type IntentModelCard, parseIntentModelCard } from '@suite/support-models';

export interface LoadedIntentModel {
  classifier: IntentClassifier;
  backend: InferenceBackend;
  close(): Promise<void>;
}

export async function readIntentModelCard(
  modelsDir: string,
  name: string,
  version?: string,
): Promise<IntentModelCard> {
  const v = version ?? (await newestModelVersion(modelsDir, name));
  const card = JSON.parse(await readFile(join(modelsDir, name, v, 'model.json'), 'utf8')) as ModelCard;
  return parseIntentModelCard(card);
}

export async function loadIntentModel(params: {
  modelsDir: string;
  name: string;
  version?: string;
  backend?: InferenceBackend;
  metricsRegistry?: Registry;
  logger?: EngineLogger;
}): Promise<LoadedIntentModel> {
  const card = await readIntentModelCard(params.modelsDir, params.name, params.version);
  const { backend, close } = await borrowOrOpenBackend(params.backend, {
    modelsDir: params.modelsDir,
    models: { [card.name]: [card.version] },
    metricsRegistry: params.metricsRegistry,
    // One intra-op thread: the graph is a Gather and a sum per row, hand-offs would cost more.
    pool: { intraOpNumThreads: 1 },
    logger: params.logger,
  });
  return {
    classifier: new IntentClassifier(backend, card),
    backend,
    close,
  };
}
