// What a NER model card carries beside the ONNX graph (card.extra): everything the TypeScript half
// of the tagger needs to reproduce training-time features and decode: feature hashing settings,
// the lexicon learnt from train (absent for DP models), label transitions, the tokenizer, the
// abbreviation window and the temperature of the confidences.
import type { ModelCard } from '@suite/onnx';
import { z } from 'zod';

export const nerModelSpecSchema = z.object({
  types: z.array(z.string().min(1)).min(1),
  tokenizer: z.literal('medical'),
  features: z.object({
    bits: z.number().int().min(8).max(24),
    maxFeatures: z.number().int().min(8).max(512),
    charNgrams: z.array(z.number().int().min(1).max(8)),
    window: z.number().int().min(0).max(3),
    lexicon: z.boolean(),
  }),
  /** Unmasked transition scores; BIOES-forbidden pairs are masked when loaded. */
  transitions: z.object({
    pair: z.array(z.number()),
    start: z.array(z.number()),
    end: z.array(z.number()),
  }),
  /** Lexicon rows [key, type, asEntity, occurrences]. */
  lexicon: z.array(z.tuple([z.string(), z.string(), z.number(), z.number()])).optional(),
  /** Sentences after a definition that an abbreviation applies to; null = no propagation. */
  abbreviationWindow: z.number().int().min(0).nullable(),
  /** Scores are divided by it before marginals are taken (temperature scaling, Guo et al. 2017). */
  temperature: z.number().positive(),
  /** Per-type minimum confidence for served entities, chosen on validation; absent: none. */
  confidenceThresholds: z.record(z.string(), z.number().min(0).max(1)).optional(),
});

export type NerModelSpec = z.infer<typeof nerModelSpecSchema>;

export type NerModelCard = ModelCard & { extra: NerModelSpec };
