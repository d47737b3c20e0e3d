import { Module } from '@nestjs/common';
import { InferenceHttpModule } from '@suite/inference';
import { serviceMigrations } from '@suite/migrations';
import { PlatformModule } from '@suite/platform';
import { SERVICE } from './app.definition.js';
import { InferenceBackendModule } from './inference-backend.module.js';
import { inferenceServerEnvSchema } from './inference-server.config.js';

@Module({
  imports: [
    PlatformModule.forService({
      service: SERVICE,
      config: inferenceServerEnvSchema,
      migrations: serviceMigrations([]),
    }),
    InferenceBackendModule,
    InferenceHttpModule.register(),
  ],
})
export class AppModule {}
