// Opens a shipped NER model for serving or evaluation: reads its card, checks the NER-specific part,
// and wires a tagger to libs/inference (a given backend, or a LocalInferenceEngine of its own that
// loads only this model: no database, as `eval ner` requires).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type InferenceBackend,
  type ModelCard,
  borrowOrOpenBackend,
  newestModelVersion,
} from '@suite/inference';
import { EMISSION_PACK_TOKENS, engineEmissionScorer } from './emission-scorers.js';
import { nerModelSpecSchema, type NerModelCard, NerTagger } from '@suite/medical-models';

export interface LoadedNerModel {
  card: NerModelCard;
  tagger: NerTagger;
  backend: InferenceBackend;
  close(): Promise<void>;
}

export async function readNerModelCard(
  modelsDir: string,
  name: string,
  version?: string,
): Promise<NerModelCard> {
  const v = version ?? (await newestModelVersion(modelsDir, name));
  const card = JSON.parse(await readFile(join(modelsDir, name, v, 'model.json'), 'utf8')) as ModelCard;
  const extra = nerModelSpecSchema.safeParse(card.extra);
  if (card.task !== 'ner' || !extra.success)
    throw new Error(`${name}/${v} is not a NER model card${extra.success ? '' : `: ${extra.error.message}`}`);
  return { ...card, extra: extra.data };
}

export async function loadNerModel(params: {
  modelsDir: string;
  name: string;
  version?: string;
  /** Serve through this backend (e.g. the service's engine); otherwise a private engine is started. */
  backend?: InferenceBackend;
  /** Where the private engine logs (the CLI keeps stdout for its JSON result). */
  logger?: { log(message: string): void; warn(message: string): void };
}): Promise<LoadedNerModel> {
  const card = await readNerModelCard(params.modelsDir, params.name, params.version);
  const { backend, close } = await borrowOrOpenBackend(params.backend, {
    modelsDir: params.modelsDir,
    models: { [card.name]: [card.version] },
    logger: params.logger,
  });
  return {
    card,
    backend,
    tagger: new NerTagger(
      card.extra,
      engineEmissionScorer(backend, card.name, {
        version: card.version,
        packTokens: Math.min(EMISSION_PACK_TOKENS, card.batching?.maxBatchTokens ?? Infinity),
      }),
    ),
    close,
  };
}
