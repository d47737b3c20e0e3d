// The risk service's view of the process's engine (InferenceModule in AppModule): the local engine,
// since promotions and the champion sync need its registry. AppModule configures it for the risk
// model alone, promotions persisted in PostgreSQL, metrics on the app's registry, one intra-op thread
// per session: the scorecard is a Gather and a sum, so thread-pool hand-offs would cost more than they save.
import type { Provider } from '@nestjs/common';
import {
  INFERENCE_BACKEND,
  type InferenceBackend,
  type InferenceModuleOptions,
  LocalInferenceEngine,
} from '@suite/inference';
import { RISK_MODEL_NAME } from '@suite/risk-models';
import type { RiskOptions } from '../risk-options.js';

export const RISK_ENGINE = Symbol('RISK_ENGINE');

/** What AppModule passes to InferenceModule.forRoot. */
export function riskInferenceOptions(options: RiskOptions): InferenceModuleOptions {
  return {
    modelsDir: options.modelsDir,
    models: { [RISK_MODEL_NAME]: 'all' },
    cache: { l2: false },
    pool: { intraOpNumThreads: 1 },
    // Promotions live in the local engine's registry; a remote server has its own.
    remote: false,
  };
}

export const riskEngineProvider: Provider = {
  provide: RISK_ENGINE,
  useFactory: (backend: InferenceBackend) => {
    if (!(backend instanceof LocalInferenceEngine))
      throw new Error('the risk service needs the local inference engine (InferenceModule remote: false)');
    return backend;
  },
  inject: [INFERENCE_BACKEND],
};
