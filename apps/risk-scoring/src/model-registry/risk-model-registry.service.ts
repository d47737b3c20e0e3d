// Which risk model versions exist, which one is the champion (the engine's serving version), and the
// scorer of each. Promotion and rollback switch the engine's serving version (persisted by the engine
// in inference.model_serving) and are audited.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { compareModelVersions, type LocalInferenceEngine } from '@suite/inference';
import { AuditService, DomainError, TransactionRunner } from '@suite/platform';
import { asRiskModelCard, readRiskModelCard, RISK_MODEL_NAME, type RiskModelCard } from '@suite/risk-models';
import { RiskModelScorer } from './risk-model-scorer.js';
import { RISK_OPTIONS, type RiskOptions } from '../risk-options.js';
import { RISK_ENGINE } from './risk-engine.provider.js';

const compareVersions = compareModelVersions;

export interface RiskModelVersionState {
  version: string;
  ready: boolean;
  reason?: string;
  champion: boolean;
  card?: RiskModelCard;
}

@Injectable()
export class RiskModelRegistryService {
  private readonly logger = new Logger(RiskModelRegistryService.name);
  private readonly scorers = new Map<string, RiskModelScorer>();

  constructor(
    @Inject(RISK_ENGINE) private readonly engine: LocalInferenceEngine,
    @Inject(RISK_OPTIONS) private readonly options: RiskOptions,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  championVersion(): string {
    const version = this.engine.registry.servingVersion(RISK_MODEL_NAME);
    if (version === undefined)
      throw new DomainError('MODEL_NOT_READY', 'no risk model version is ready to serve');
    return version;
  }

  championScorer(): RiskModelScorer {
    return this.scorerFor(this.championVersion());
  }

  scorerFor(version: string): RiskModelScorer {
    const cached = this.scorers.get(version);
    if (cached) return cached;
    const state = this.engine.registry.resolve(RISK_MODEL_NAME, version);
    const scorer = new RiskModelScorer(asRiskModelCard(state.card), this.engine);
    this.scorers.set(version, scorer);
    return scorer;
  }

  /** Shadow mode's challenger: the newest ready version after the champion, if any. */
  shadowVersion(champion: string): string | undefined {
    const newer = this.engine.registry
      .list()
      .filter((s) => s.name === RISK_MODEL_NAME && s.ready && compareVersions(s.version, champion) > 0);
    return newer.sort((a, b) => compareVersions(b.version, a.version))[0]?.version;
  }

  async listVersions(): Promise<RiskModelVersionState[]> {
    const champion = this.engine.registry.servingVersion(RISK_MODEL_NAME);
    const statuses = (await this.engine.listModels()).filter((s) => s.name === RISK_MODEL_NAME);
    return Promise.all(
      statuses.map(async (s) => ({
        version: s.version,
        ready: s.ready,
        ...(s.reason ? { reason: s.reason } : {}),
        champion: s.version === champion,
        card: await readRiskModelCard(this.options.modelsDir, RISK_MODEL_NAME, s.version).catch(
          () => undefined,
        ),
      })),
    );
  }

  /** Loads a version written after start (a retrained challenger); it serves only once promoted. */
  async registerVersion(version: string): Promise<RiskModelScorer> {
    const state = await this.engine.loadVersion(RISK_MODEL_NAME, version);
    if (!state.ready)
      throw new DomainError('MODEL_NOT_READY', `risk model ${version} is not ready: ${state.reason}`);
    this.scorers.delete(version);
    return this.scorerFor(version);
  }

  /** Makes `version` the champion (a promotion, or a rollback to an older version); audited. */
  async promoteVersion(
    version: string,
    actor: string,
    correlationId?: string,
  ): Promise<{ previous: string | undefined }> {
    const previous = this.engine.registry.servingVersion(RISK_MODEL_NAME);
    this.scorerFor(version); // 404 / 503 for a version that does not exist or is not ready
    await this.tx.run(async () => {
      await this.audit.record({
        actor,
        action: 'model.promote',
        resourceType: 'risk-model',
        resourceId: version,
        outcome: 'success',
        correlationId,
      });
      // Last, so that a failed audit write leaves the champion unchanged.
      await this.engine.promote(RISK_MODEL_NAME, version);
    });
    this.logger.log(`risk model ${version} promoted (was ${previous ?? 'none'})`);
    return { previous };
  }
}
