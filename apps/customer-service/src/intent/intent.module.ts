import { Logger, Module } from '@nestjs/common';
import { MetricsService } from '@suite/platform';
import { SUPPORT_OPTIONS, type SupportOptions } from '../support-options.js';
import { loadIntentModel } from './intent-model-loader.js';
import { INTENT_MODEL, IntentService } from './intent.service.js';

@Module({
  providers: [
    {
      provide: INTENT_MODEL,
      useFactory: (options: SupportOptions, metrics: MetricsService) =>
        loadIntentModel({
          modelsDir: options.modelsDir,
          name: options.intentModel,
          metricsRegistry: metrics.registry,
          logger: new Logger('IntentModel'),
        }),
      inject: [SUPPORT_OPTIONS, MetricsService],
    },
    IntentService,
  ],
  exports: [IntentService],
})
export class IntentModule {}
