// The risk service's inference engine (libs/inference, in process): only the risk model's versions,
// promotions persisted in PostgreSQL, metrics on the app's registry. One intra-op thread per session:
// the scorecard is a Gather and a sum, so thread-pool hand-offs would cost more than they save.
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { LocalInferenceEngine } from '@suite/inference';
import { MetricsService } from '@suite/platform';
import { DataSource } from 'typeorm';
import { RISK_MODEL_NAME } from '../modelling/risk-model-card.js';
import { RISK_OPTIONS, type RiskOptions } from '../risk-options.js';

export const RISK_ENGINE = Symbol('RISK_ENGINE');

export const riskEngineProvider: Provider = {
  provide: RISK_ENGINE,
  useFactory: (options: RiskOptions, dataSource: DataSource, metrics: MetricsService) =>
    LocalInferenceEngine.create({
      modelsDir: options.modelsDir,
      models: { [RISK_MODEL_NAME]: 'all' },
      dataSource,
      metricsRegistry: metrics.registry,
      cache: { l2: false },
      pool: { intraOpNumThreads: 1 },
    }),
  inject: [RISK_OPTIONS, DataSource, MetricsService],
};

@Injectable()
export class RiskEngineLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RISK_ENGINE) private readonly engine: LocalInferenceEngine) {}

  // Stops the session workers so that the process can exit.
  async onApplicationShutdown(): Promise<void> {
    await this.engine.close();
  }
}
