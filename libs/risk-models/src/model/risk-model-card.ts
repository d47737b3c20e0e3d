// What a risk model version carries beside its graph (ModelCard.extra), checked when it is loaded: the
// feature layout it was trained with, the reason-code baselines, the calibration it folded in, and the
// training distribution that drift is measured against.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { REASON_GROUPS } from '../features/reason-group.js';
import { driftBaselineSchema } from '../monitoring/drift-baseline.js';

export const RISK_MODEL_NAME = 'risk-default';
export const RISK_MODEL_TASK = 'credit-default-probability';

export const riskModelExtraSchema = z.object({
  kind: z.literal('risk-scorecard'),
  featureSpec: z.object({
    binned: z.array(z.object({ name: z.string(), cutPoints: z.array(z.number()) })),
    text: z.object({ enabled: z.boolean(), bits: z.number().int().min(1).max(16) }),
  }),
  width: z.number().int().positive(),
  /** Mean contribution of each reason group over the training data (log-odds points). */
  reasonBaselines: z.record(z.enum(REASON_GROUPS), z.number()),
  /** Training medians deciding the side of two-sided reasons (scoring/reason-codes.ts). */
  reasonReferences: z.object({ balanceMean: z.number(), utilisationTrend: z.number() }),
  platt: z.object({ a: z.number(), b: z.number() }),
  driftBaseline: driftBaselineSchema,
  /** Input ranges of the training data and where the model extrapolates (training-extremes.ts). */
  extrapolation: z
    .object({
      ranges: z.object({
        creditLimit: z.tuple([z.number(), z.number()]),
        billAmount: z.tuple([z.number(), z.number()]),
        paymentAmount: z.tuple([z.number(), z.number()]),
        repaymentStatus: z.tuple([z.number(), z.number()]),
      }),
      note: z.string(),
    })
    .optional(),
  /** The champion a retrained version warm-started from. */
  parentVersion: z.string().optional(),
});

export type RiskModelExtra = z.infer<typeof riskModelExtraSchema>;
/** Training medians that decide the side of two-sided reasons (stored on the model card). */
export type ReasonReferences = RiskModelExtra['reasonReferences'];

/**
 * The fields of a model card (models/<name>/<version>/model.json) that risk training and serving read.
 * The card is the contract between them (docs/ARCHITECTURE.md), so this lib does not import the engine
 * for libs/inference's ModelCard: serving passes its ModelCard in (RiskModelCard<ModelCard>), and where
 * training meets the engine's writer (the CLI) the compiler checks the two agree.
 */
export interface ModelCardFields {
  name: string;
  version: string;
  task: string;
  description?: string;
  metrics?: Record<string, unknown>;
  training?: { data: string; licence: string; command: string; [key: string]: unknown };
  batching?: { maxBatchSize: number };
  extra?: Record<string, unknown>;
}

export type RiskModelCard<C extends ModelCardFields = ModelCardFields> = C & { extra: RiskModelExtra };

export function asRiskModelCard<C extends ModelCardFields>(card: C): RiskModelCard<C> {
  const extra = riskModelExtraSchema.safeParse(card.extra);
  if (card.task !== RISK_MODEL_TASK || !extra.success)
    throw new Error(
      `${card.name}/${card.version} is not a risk model card${extra.success ? '' : `: ${extra.error.message}`}`,
    );
  return { ...card, extra: extra.data };
}

/** Reads and checks a card; C is the card type the caller's model repository writes (unchecked beyond the risk fields). */
export async function readRiskModelCard<C extends ModelCardFields = ModelCardFields>(
  modelsDir: string,
  name: string,
  version: string,
): Promise<RiskModelCard<C>> {
  const card = JSON.parse(await readFile(join(modelsDir, name, version, 'model.json'), 'utf8')) as C;
  return asRiskModelCard(card);
}
