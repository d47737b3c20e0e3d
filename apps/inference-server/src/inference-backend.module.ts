// Which InferenceBackend this server exposes: the local engine over MODELS_DIR (the usual case), or,
// with INFERENCE_URL, another v2 server (Triton) behind our API keys, rate limits and metrics. Provided
// by InferenceModule, as in every service: one engine per process (issue 19).
import { Logger } from '@nestjs/common';
import { InferenceModule } from '@suite/inference';
import { loadInferenceServerConfig } from './inference-server.config.js';
import { importOcrWeightsIfMissing } from './ocr-weights.js';

export const InferenceBackendModule = InferenceModule.forRoot({
  useFactory: async () => {
    const config = loadInferenceServerConfig();
    if (config.INFERENCE_URL)
      return { remote: { baseUrl: config.INFERENCE_URL, apiKey: config.INFERENCE_API_KEY } };
    await importOcrWeightsIfMissing(config.MODELS_DIR, new Logger('InferenceBackend'));
    return {
      modelsDir: config.MODELS_DIR,
      // Every model of the repository: this server is the repository's.
      models: 'all',
      remote: false,
      pool: { workers: config.INFERENCE_WORKERS, intraOpNumThreads: config.INFERENCE_INTRA_OP_THREADS },
    };
  },
});
