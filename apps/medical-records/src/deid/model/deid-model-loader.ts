// Opens the shipped de-identification model (models/deid-meddocan/<version>): a card whose extra is
// a NER tagger spec (../ner) plus the languages it applies to, served through libs/inference (a
// given backend, or a private LocalInferenceEngine that loads only this model: no database).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type InferenceBackend,
  type ModelCard,
  borrowOrOpenBackend,
  newestModelVersion,
} from '@suite/inference';
import { engineEmissionScorer } from '../../ner/model/emission-scorers.js';
// Also registers the English gazetteer that deid-physionet's features name (english-gazetteer.ts).
import {
  DEID_TASK,
  DeidTokenizer,
  deidModelSpecSchema,
  type DeidModelCard,
  type DeidModelSpec,
  NerTagger,
} from '@suite/medical-models';
import { PhiTagger } from './phi-tagger.js';

type EmissionScorer = ConstructorParameters<typeof NerTagger>[1];

/** Lowers the `O` label's score (label 0 of the BIOES scheme) of every token by `bias`. */
export function outsideBiasedScorer(scorer: EmissionScorer, labels: number, bias: number): EmissionScorer {
  if (bias === 0) return scorer;
  return async (sentences) =>
    (await scorer(sentences)).map((e) => {
      const out = Float64Array.from(e);
      for (let k = 0; k < out.length; k += labels) out[k] -= bias;
      return out;
    });
}

export interface LoadedDeidModel {
  card: DeidModelCard;
  tagger: PhiTagger;
  close(): Promise<void>;
}

export async function readDeidModelCard(
  modelsDir: string,
  name: string,
  version?: string,
): Promise<DeidModelCard> {
  const v = version ?? (await newestModelVersion(modelsDir, name));
  const card = JSON.parse(await readFile(join(modelsDir, name, v, 'model.json'), 'utf8')) as ModelCard;
  const extra = deidModelSpecSchema.safeParse(card.extra);
  if (card.task !== DEID_TASK || !extra.success)
    throw new Error(
      `${name}/${v} is not a de-identification model card${extra.success ? '' : `: ${extra.error.message}`}`,
    );
  return { ...card, extra: extra.data };
}

export function phiTaggerFor(spec: DeidModelSpec, scorer: EmissionScorer): PhiTagger {
  const biased = outsideBiasedScorer(scorer, 1 + 4 * spec.types.length, spec.outsideBias ?? 0);
  return new PhiTagger(new NerTagger(spec, biased), new DeidTokenizer(), spec.languages);
}

export async function loadDeidModel(params: {
  modelsDir: string;
  name: string;
  version?: string;
  backend?: InferenceBackend;
  logger?: { log(message: string): void; warn(message: string): void };
}): Promise<LoadedDeidModel> {
  const card = await readDeidModelCard(params.modelsDir, params.name, params.version);
  const { backend, close } = await borrowOrOpenBackend(params.backend, {
    modelsDir: params.modelsDir,
    models: { [card.name]: [card.version] },
    logger: params.logger,
  });
  return {
    card,
    tagger: phiTaggerFor(card.extra, engineEmissionScorer(backend, card.name, { version: card.version })),
    close,
  };
}
