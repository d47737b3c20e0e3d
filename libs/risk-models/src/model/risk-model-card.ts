// What a risk model version carries beside its graph (ModelCard.extra), checked when it is loaded: the
// feature layout it was trained with, the reason-code baselines, the calibration it folded in, and the
// training distribution that drift is measured against.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCard } from '@suite/onnx';
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

/** A risk model's card (libs/onnx's ModelCard, the contract between training and serving) with its extra checked. */
export type RiskModelCard = ModelCard & { extra: RiskModelExtra };

export function asRiskModelCard(card: ModelCard): RiskModelCard {
  const extra = riskModelExtraSchema.safeParse(card.extra);
  if (card.task !== RISK_MODEL_TASK || !extra.success)
    throw new Error(
      `${card.name}/${card.version} is not a risk model card${extra.success ? '' : `: ${extra.error.message}`}`,
    );
  return { ...card, extra: extra.data };
}

/** Reads and checks a card (unchecked beyond the risk fields). */
export async function readRiskModelCard(
  modelsDir: string,
  name: string,
  version: string,
): Promise<RiskModelCard> {
  const card = JSON.parse(await readFile(join(modelsDir, name, version, 'model.json'), 'utf8')) as ModelCard;
  return asRiskModelCard(card);
}
