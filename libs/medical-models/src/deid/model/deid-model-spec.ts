// What a de-identification model card carries beside the ONNX graph (card.extra): a NER tagger spec
// (../../ner) with de-identification's opt-in features, the languages it applies to, and how the
// service combines its spans with the rules' (chosen on held-out train data by the trainer).
import type { ModelCard } from '@suite/onnx';
import { z } from 'zod';
import { nerModelSpecSchema, type NerModelSpec } from '../../ner/model/ner-model-spec.js';
import type { BratDocument } from '@suite/ml';
import type { DeidScores } from '../evaluation/deid-metrics.js';

export const DEID_TASK = 'deid';

export type DeidLanguage = 'en' | 'es';

/**
 * How rules and the tagger are combined: `longest` (the longer span wins) or `model-first` (the
 * tagger's spans stand, rules add what it did not touch), then document-level name propagation or not.
 */
export interface CombinationPolicy {
  overlap: 'longest' | 'model-first';
  propagateNames: boolean;
}

export const DEFAULT_COMBINATION: CombinationPolicy = { overlap: 'model-first', propagateNames: true };

export const deidModelSpecSchema = nerModelSpecSchema.extend({
  // The NER features plus de-identification's opt-in ones (gazetteer, cue words).
  features: nerModelSpecSchema.shape.features.extend({
    gazetteer: z.string().min(1).optional(),
    gazetteerMask: z.number().int().optional(),
    cues: z.boolean().optional(),
  }),
  languages: z.array(z.enum(['en', 'es'])).min(1),
  combination: z
    .object({ overlap: z.enum(['longest', 'model-first']), propagateNames: z.boolean() })
    .optional(),
  /** Subtracted from the `O` label's emission score: trades precision for recall (fewer leaks). */
  outsideBias: z.number().min(0).optional(),
});

export type DeidModelSpec = NerModelSpec & {
  languages: DeidLanguage[];
  combination?: CombinationPolicy;
  outsideBias?: number;
};

export type DeidModelCard = ModelCard & { extra: DeidModelSpec };

/** What a de-identification trainer asks the service to score a written model with (the served path). */
export interface ScoreWrittenParams {
  modelsDir: string;
  name: string;
  version: string;
  documents: readonly BratDocument[];
  language: DeidLanguage;
  policy: CombinationPolicy;
  log: (message: string) => void;
}

/** The written model's scores: rules + model (the policy), rules alone, model alone. */
export interface WrittenModelScores {
  rulesAndModel: DeidScores;
  rulesOnly: DeidScores;
  modelOnly: DeidScores;
}
