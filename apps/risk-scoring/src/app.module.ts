import { Module } from '@nestjs/common';
import { InferenceModule } from '@suite/inference';
import { riskMigrations, serviceMigrations } from '@suite/migrations';
import { PlatformModule } from '@suite/platform';
import { ModelRegistryModule } from './model-registry/model-registry.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { OutcomeEntity } from './outcomes/entities/outcome.entity.js';
import { OutcomesModule } from './outcomes/outcomes.module.js';
import { TrainingRunEntity } from './retraining/entities/training-run.entity.js';
import { RetrainingModule } from './retraining/retraining.module.js';
import { riskInferenceOptions } from './model-registry/risk-engine.provider.js';
import { RISK_OPTIONS, type RiskOptions, RiskOptionsModule } from './risk-options.js';
import { CreditApplicationEntity } from './scoring/entities/credit-application.entity.js';
import { ScoringMessagesModule } from './scoring/scoring.messages.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { riskEnvSchema } from './risk.config.js';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'risk',
      config: riskEnvSchema,
      migrations: serviceMigrations(riskMigrations),
      entities: [CreditApplicationEntity, OutcomeEntity, TrainingRunEntity],
    }),
    RiskOptionsModule.register(),
    // The process's one engine (issue 19).
    InferenceModule.forRoot({
      inject: [RISK_OPTIONS],
      useFactory: (options: RiskOptions) => riskInferenceOptions(options),
    }),
    ModelRegistryModule,
    ScoringModule,
    ScoringMessagesModule,
    OutcomesModule,
    RetrainingModule,
    MonitoringModule,
  ],
})
export class AppModule {}
