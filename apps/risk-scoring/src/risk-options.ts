// The risk service's settings, read from the validated environment (RISK_* in libs/platform's env
// schema) and checked together at boot: the cut-offs must be ordered and the cron must parse.
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, ConfigError } from '@suite/platform';
import { CronTime } from 'cron';
import type { DecisionCutoffs, ScoreScale } from './scoring/score-scale.js';
import type { RiskConfig } from './risk.config.js';

export const RISK_OPTIONS = Symbol('RISK_OPTIONS');

export interface RetrainingGates {
  /** The challenger's AUC may be at most this much below the champion's. */
  aucTolerance: number;
  /** Largest expected calibration error of the challenger. */
  maxEce: number;
  /** Largest PSI between the challenger's and the champion's scores on the evaluation window. */
  maxPsi: number;
}

export interface RiskOptions {
  modelsDir: string;
  replayDataPath: string;
  scale: ScoreScale;
  cutoffs: DecisionCutoffs;
  /** Cron expression in UTC (validated at boot); null: no scheduled retraining (RISK_RETRAIN_CRON=off). */
  retrainCron: string | null;
  minOutcomes: number;
  gates: RetrainingGates;
  shadowMode: boolean;
}

export function riskOptionsFrom(config: RiskConfig): RiskOptions {
  if (config.RISK_DECLINE_BELOW_SCORE > config.RISK_APPROVE_MIN_SCORE)
    throw new ConfigError([
      { variable: 'RISK_DECLINE_BELOW_SCORE', message: 'must not be above RISK_APPROVE_MIN_SCORE' },
    ]);
  const retrainCron = config.RISK_RETRAIN_CRON === 'off' ? null : config.RISK_RETRAIN_CRON;
  if (retrainCron) {
    try {
      new CronTime(retrainCron, 'UTC');
    } catch (err) {
      throw new ConfigError([{ variable: 'RISK_RETRAIN_CRON', message: (err as Error).message }]);
    }
  }
  return {
    modelsDir: config.RISK_MODELS_DIR,
    replayDataPath: config.RISK_REPLAY_DATA,
    scale: {
      baseScore: config.RISK_SCORE_BASE,
      baseOdds: config.RISK_SCORE_BASE_ODDS,
      pointsToDoubleOdds: config.RISK_SCORE_PDO,
    },
    cutoffs: {
      approveMinScore: config.RISK_APPROVE_MIN_SCORE,
      declineBelowScore: config.RISK_DECLINE_BELOW_SCORE,
    },
    retrainCron,
    minOutcomes: config.RISK_RETRAIN_MIN_OUTCOMES,
    gates: {
      aucTolerance: config.RISK_GATE_AUC_TOLERANCE,
      maxEce: config.RISK_GATE_MAX_ECE,
      maxPsi: config.RISK_GATE_MAX_PSI,
    },
    shadowMode: config.RISK_SHADOW_MODE,
  };
}

@Module({})
export class RiskOptionsModule {
  static register(): DynamicModule {
    return {
      module: RiskOptionsModule,
      global: true,
      providers: [{ provide: RISK_OPTIONS, useFactory: riskOptionsFrom, inject: [APP_CONFIG] }],
      exports: [RISK_OPTIONS],
    };
  }
}
