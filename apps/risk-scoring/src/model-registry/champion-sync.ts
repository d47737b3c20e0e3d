// Several replicas, one champion: a promotion on one replica (manual, or by its retraining run) is
// persisted by the engine in inference.model_serving; every replica checks that record periodically
// and follows it, loading the version first if it was written after start (RISK_MODELS_DIR must then be
// shared storage). Until the next check a replica may still score with the previous champion.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type LocalInferenceEngine, PostgresServingVersionStore } from '@suite/inference';
import { DataSource } from 'typeorm';
import { RISK_MODEL_NAME } from '@suite/risk-models';
import { RISK_ENGINE } from './risk-engine.provider.js';

export const CHAMPION_SYNC_INTERVAL_MS = 30_000;

@Injectable()
export class ChampionSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChampionSync.name);
  private readonly store: PostgresServingVersionStore;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(RISK_ENGINE) private readonly engine: LocalInferenceEngine,
    dataSource: DataSource,
  ) {
    this.store = new PostgresServingVersionStore(dataSource);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.followPromotedChampion(), CHAMPION_SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Serves the version the database says is promoted, if this replica serves another one. */
  async followPromotedChampion(): Promise<void> {
    try {
      const record = await this.store.readServing(RISK_MODEL_NAME);
      const local = this.engine.registry.servingVersion(RISK_MODEL_NAME);
      if (!record || record.serving === local) return;
      const known = (await this.engine.listModels()).some(
        (s) => s.name === RISK_MODEL_NAME && s.version === record.serving && s.ready,
      );
      if (!known) await this.engine.loadVersion(RISK_MODEL_NAME, record.serving);
      await this.engine.promote(RISK_MODEL_NAME, record.serving);
      this.logger.log(`following the promoted risk model ${record.serving} (was ${local ?? 'none'})`);
    } catch (err) {
      this.logger.warn(`could not follow the promoted risk model: ${(err as Error).name}`);
    }
  }
}
