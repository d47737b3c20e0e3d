// Weekly champion/challenger retraining. One run at a time across replicas (a session-level
// PostgreSQL advisory lock); every run is recorded in risk.training_runs with its data window, both
// models' figures on the out-of-time window, the gates and the decision. A challenger that passes the
// gates is promoted (audited); one that does not stays available for a manual promotion.
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import { DataSource } from 'typeorm';
import { RiskModelRegistryService } from '../model-registry/risk-model-registry.service.js';
import { roundFigures } from '@suite/ml';
import { RISK_MODEL_NAME, type RiskModelCard } from '@suite/risk-models';
import { writeModelVersion } from '@suite/inference';
import { exportScorecardToOnnx, fitDriftBaseline, readScorecardWeights } from '@suite/risk-models/training';
import { OutcomesService } from '../outcomes/outcomes.service.js';
import { RISK_OPTIONS, type RiskOptions } from '../risk-options.js';
import {
  type ChallengerOutcome,
  type GateDecision,
  judgeChallenger,
  type LabelledRecord,
  trainChallenger,
  WARM_START,
} from './champion-challenger.js';
import type { TrainingRunEntity, TrainingTrigger } from './entities/training-run.entity.js';
import { ReplayData } from './replay-sample.js';
import { TrainingRunRepository } from './training-run.repository.js';

// Arbitrary but fixed: the advisory lock key of "risk retraining" (ASCII "RISKTRN").
const RETRAINING_LOCK = '23193449693745742';

@Injectable()
export class RetrainingService {
  private readonly logger = new Logger(RetrainingService.name);
  private readonly replay: ReplayData;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: TrainingRunRepository,
    private readonly outcomes: OutcomesService,
    private readonly registry: RiskModelRegistryService,
    @Inject(RISK_OPTIONS) private readonly options: RiskOptions,
  ) {
    this.replay = new ReplayData(options.replayDataPath);
  }

  listRuns(limit: number): Promise<TrainingRunEntity[]> {
    return this.runs.listRuns(limit);
  }

  async retrainChampion(
    trigger: TrainingTrigger,
    actor: string,
    correlationId?: string,
  ): Promise<TrainingRunEntity> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }] = (await lock.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
        RETRAINING_LOCK,
      ])) as {
        locked: boolean;
      }[];
      if (!locked) throw new DomainError('CONFLICT', 'a retraining run is already in progress');
      try {
        return await this.runRetraining(trigger, actor, correlationId);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1::bigint)', [RETRAINING_LOCK]);
      }
    } finally {
      await lock.release();
    }
  }

  private async runRetraining(
    trigger: TrainingTrigger,
    actor: string,
    correlationId?: string,
  ): Promise<TrainingRunEntity> {
    const champion = this.registry.championScorer();
    const windowTo = new Date();
    const run: TrainingRunEntity = {
      id: randomUUID(),
      trigger,
      status: 'running',
      championVersion: champion.version,
      challengerVersion: null,
      windowFrom: await this.runs.lastTrainedWindowEnd(),
      windowTo,
      outcomesInWindow: 0,
      trainingRows: 0,
      evaluationRows: 0,
      championMetrics: null,
      challengerMetrics: null,
      gates: null,
      reason: null,
      startedAt: windowTo,
      finishedAt: null,
    };
    await this.runs.insertRun(run);
    const finish = async (changes: Partial<TrainingRunEntity>): Promise<TrainingRunEntity> => {
      Object.assign(run, changes, { finishedAt: new Date() });
      await this.runs.updateRun(run.id, { ...changes, finishedAt: run.finishedAt });
      this.logger.log(`retraining run ${run.id}: ${run.status}${run.reason ? ` (${run.reason})` : ''}`);
      return run;
    };
    try {
      const labelled = await this.outcomes.labelledApplications(run.windowFrom, windowTo);
      run.outcomesInWindow = labelled.length;
      if (labelled.length < this.options.minOutcomes)
        return await finish({
          status: 'refused',
          outcomesInWindow: labelled.length,
          reason: `${labelled.length} outcome(s) in the window; at least ${this.options.minOutcomes} are needed`,
        });
      const window: LabelledRecord[] = labelled.map((a) => ({
        record: a.applicant,
        label: a.defaulted ? 1 : 0,
      }));
      const seed = windowTo.getTime() % 2 ** 31;
      const replay = await this.replay.sample(seed).catch((err: unknown) => {
        this.logger.warn(`no replay sample (${(err as Error).name}); training on the window alone`);
        return { fit: [], calibration: [] };
      });
      const championWeights = await readScorecardWeights(
        this.options.modelsDir,
        RISK_MODEL_NAME,
        champion.version,
        champion.card.extra.width,
      );
      const challenger = trainChallenger(
        champion.encoder,
        championWeights,
        { window, replayFit: replay.fit, replayCalibration: replay.calibration },
        seed,
      );
      const labels = new Set(challenger.evaluation.map((r) => r.label));
      if (labels.size < 2)
        return await finish({
          status: 'refused',
          outcomesInWindow: labelled.length,
          reason: 'the out-of-time window needs both defaults and non-defaults to compare the models',
        });
      const decision = judgeChallenger(
        champion.encoder,
        championWeights,
        challenger.weights,
        challenger.evaluation,
        this.options.gates,
      );
      const version = await this.nextVersion();
      await this.writeChallenger(champion.card, version, challenger, decision, run);
      await this.registry.registerVersion(version);
      const figures = {
        challengerVersion: version,
        outcomesInWindow: labelled.length,
        trainingRows: challenger.trainingRows,
        evaluationRows: challenger.evaluation.length,
        championMetrics: roundFigures(summaryOf(decision.champion)),
        challengerMetrics: roundFigures(summaryOf(decision.challenger)),
        gates: roundFigures({ ...this.options.gates, results: decision.results }),
      };
      if (!decision.promote)
        return await finish({ ...figures, status: 'refused', reason: decision.reasons.join('; ') });
      await this.registry.promoteVersion(version, actor, correlationId);
      return await finish({ ...figures, status: 'promoted', reason: 'passed every gate' });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CONFLICT') throw err;
      this.logger.error(`retraining run ${run.id} failed: ${(err as Error).name}`);
      return finish({
        status: 'failed',
        reason: `${(err as Error).name}: ${(err as Error).message}`.slice(0, 500),
      });
    }
  }

  private async nextVersion(): Promise<string> {
    const entries = await readdir(join(this.options.modelsDir, RISK_MODEL_NAME), { withFileTypes: true });
    const numbers = entries.filter((e) => e.isDirectory() && /^\d+$/.test(e.name)).map((e) => Number(e.name));
    return String(Math.max(0, ...numbers) + 1);
  }

  private async writeChallenger(
    champion: RiskModelCard,
    version: string,
    challenger: ChallengerOutcome,
    decision: GateDecision,
    run: TrainingRunEntity,
  ): Promise<void> {
    const { sha256: _sha, file: _file, createdAt: _created, ...base } = champion;
    await writeModelVersion(
      this.options.modelsDir,
      {
        ...base,
        version,
        description:
          `${champion.description ?? ''} Warm-started from version ${champion.version} on outcomes (retraining run ${run.id}).`.trim(),
        metrics: roundFigures({
          split: 'out-of-time window',
          ...decision.challenger,
          champion: summaryOf(decision.champion),
        }),
        training: {
          data: `risk.outcomes recorded in (${run.windowFrom?.toISOString() ?? '-inf'}, ${run.windowTo.toISOString()}] plus a replay sample of data/credit-default/train.csv`,
          licence: 'CC BY 4.0 (replay sample); outcomes: the operator’s own data',
          command:
            'weekly retraining (RISK_RETRAIN_CRON), POST /v1/models/retrain or npm run cli -- train risk --incremental',
          warmStart: WARM_START,
          run: run.id,
          rows: { training: challenger.trainingRows, evaluation: challenger.evaluation.length },
        },
        extra: {
          ...champion.extra,
          parentVersion: champion.version,
          platt: challenger.platt,
          reasonBaselines: challenger.reasonBaselines,
          driftBaseline: fitDriftBaseline(challenger.trainingRecords, challenger.trainingProbabilities),
        },
      },
      exportScorecardToOnnx(challenger.weights, { 'suite.version': version }),
    );
  }
}

function summaryOf(e: { n: number; defaults: number; auc: number; ks: number; brier: number; ece: number }) {
  return { n: e.n, defaults: e.defaults, auc: e.auc, ks: e.ks, brier: e.brier, ece: e.ece };
}
