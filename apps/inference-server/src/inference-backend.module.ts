// Which InferenceBackend this server exposes: the local engine over MODELS_DIR (the usual case), or,
// with INFERENCE_URL, another v2 server (Triton) behind our API keys, rate limits and metrics.
import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  INFERENCE_BACKEND,
  type InferenceBackend,
  LocalInferenceEngine,
  RemoteInferenceBackend,
} from '@suite/inference';
import { MetricsService } from '@suite/platform';
import { DataSource } from 'typeorm';
import { loadInferenceServerConfig } from './inference-server.config.js';
import { importOcrWeightsIfMissing } from './ocr-weights.js';

@Injectable()
class InferenceBackendLifecycle implements OnApplicationShutdown {
  constructor(@Inject(INFERENCE_BACKEND) private readonly backend: InferenceBackend) {}

  // Stops the session workers, so the process can exit.
  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}

@Module({
  providers: [
    {
      provide: INFERENCE_BACKEND,
      useFactory: async (dataSource: DataSource, metrics: MetricsService): Promise<InferenceBackend> => {
        const config = loadInferenceServerConfig();
        if (config.INFERENCE_URL) {
          return new RemoteInferenceBackend({
            baseUrl: config.INFERENCE_URL,
            apiKey: config.INFERENCE_API_KEY,
          });
        }
        await importOcrWeightsIfMissing(config.MODELS_DIR, new Logger('InferenceBackend'));
        return LocalInferenceEngine.create({
          modelsDir: config.MODELS_DIR,
          dataSource,
          metricsRegistry: metrics.registry,
          pool: { workers: config.INFERENCE_WORKERS, intraOpNumThreads: config.INFERENCE_INTRA_OP_THREADS },
        });
      },
      inject: [DataSource, MetricsService],
    },
    InferenceBackendLifecycle,
  ],
  exports: [INFERENCE_BACKEND],
})
export class InferenceBackendModule {}
