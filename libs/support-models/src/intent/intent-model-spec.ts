// What an intent model's card carries beside the graph (card.extra): how texts become hashed
// features, and the confidence policy chosen on the calibration split.
import { hashingVectorizerConfigSchema } from '@suite/ml';
import type { ModelCard } from '@suite/onnx';
import { z } from 'zod';

export const DEFAULT_INTENT_MODEL = 'intent-banking77';

export const intentModelSpecSchema = z.object({
  vectorizer: hashingVectorizerConfigSchema,
  /** Texts are cut to this many characters before hashing (bounds features per request). */
  maxChars: z.number().int().min(1),
  /** Temperature already folded into the exported weights (recorded, not applied again). */
  temperature: z.number().positive(),
  /** Smallest top-1 probability at which the model answers on its own. */
  threshold: z.number().min(0).max(1),
  targetPrecision: z.number().min(0).max(1),
  clarification: z.object({
    /** Below `threshold`, ask between the two best intents when together they reach this... */
    minPairProbability: z.number().min(0).max(1),
    /** ...and the runner-up is at most this far behind the best. */
    maxGap: z.number().min(0).max(1),
  }),
});

export type IntentModelSpec = z.infer<typeof intentModelSpecSchema>;
/** An intent model's card (libs/onnx's ModelCard) with its labels and extra checked. */
export type IntentModelCard = ModelCard & {
  labels: string[];
  extra: IntentModelSpec;
};

export function parseIntentModelCard(card: ModelCard): IntentModelCard {
  const extra = intentModelSpecSchema.safeParse(card.extra);
  if (card.task !== 'intent-classification' || !extra.success || !card.labels?.length)
    throw new Error(
      `${card.name}/${card.version} is not an intent model card${extra.success ? '' : `: ${extra.error.message}`}`,
    );
  return { ...card, labels: card.labels, extra: extra.data };
}
