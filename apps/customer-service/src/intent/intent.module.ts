import { Logger, Module } from '@nestjs/common';
import { INFERENCE_BACKEND, type InferenceBackend } from '@suite/inference';
import { SUPPORT_OPTIONS, type SupportOptions } from '../support-options.js';
import { loadIntentModel } from './intent-model-loader.js';
import { INTENT_MODEL, IntentService } from './intent.service.js';

@Module({
  providers: [
    {
      provide: INTENT_MODEL,
      // Served by the process's engine (InferenceModule in AppModule).
      useFactory: (options: SupportOptions, backend: InferenceBackend) =>
        loadIntentModel({
          modelsDir: options.modelsDir,
          name: options.intentModel,
          backend,
          logger: new Logger('IntentModel'),
        }),
      inject: [SUPPORT_OPTIONS, INFERENCE_BACKEND],
    },
    IntentService,
  ],
  exports: [IntentService],
})
export class IntentModule {}
