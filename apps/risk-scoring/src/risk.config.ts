// risk-scoring's variables (README "Risk scoring"): port, model repository, score scale, bands, weekly
// retraining gates; composed with the platform's and the engine's at the app's bootstrap.
import { inferenceEnvShape } from '@suite/inference';
import { envBool, envPort, platformEnvSchema } from '@suite/platform';
import { z } from 'zod';

export const riskEnvShape = {
  RISK_PORT: envPort.default(3101),
  RISK_MODELS_DIR: z.string().min(1).default('models'),
  RISK_REPLAY_DATA: z.string().min(1).default('data/credit-default/train.csv'),
  RISK_SCORE_BASE: z.coerce.number().default(600),
  RISK_SCORE_BASE_ODDS: z.coerce.number().positive().default(50),
  RISK_SCORE_PDO: z.coerce.number().positive().default(20),
  RISK_APPROVE_MIN_SCORE: z.coerce.number().default(530),
  RISK_DECLINE_BELOW_SCORE: z.coerce.number().default(500),
  RISK_RETRAIN_CRON: z.string().min(1).default('0 3 * * 1'),
  RISK_RETRAIN_MIN_OUTCOMES: z.coerce.number().int().min(1).default(200),
  RISK_GATE_AUC_TOLERANCE: z.coerce.number().min(0).max(1).default(0.005),
  RISK_GATE_MAX_ECE: z.coerce.number().min(0).max(1).default(0.05),
  RISK_GATE_MAX_PSI: z.coerce.number().min(0).default(0.25),
  RISK_SHADOW_MODE: envBool.default(false),
};

export const riskEnvSchema = platformEnvSchema.extend({ ...inferenceEnvShape, ...riskEnvShape });
export type RiskConfig = z.infer<typeof riskEnvSchema>;
