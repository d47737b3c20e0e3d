// The process's one InferenceBackend (issue 19): every service's AppModule imports
// InferenceModule.forRoot(...) once, and every model loader injects INFERENCE_BACKEND (required). Local
// engine or remote server (INFERENCE_URL) is chosen here, once; the local engine gets the service's
// DataSource (L2 cache, persisted promotions) and the app's metrics registry, so /metrics shows it.
// One engine, not one per loader: each engine sizes its thread pools to the whole machine
// (execution-provider.ts), and on a GPU each would take its own CUDA context.
import {
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { MetricsService } from '@suite/platform';
import { DataSource } from 'typeorm';
import { type RemoteInferenceOptions } from '../kserve/remote-inference.backend.js';
import { openInferenceBackend, remoteInferenceFromEnv } from '../kserve/open-inference-backend.js';
import { INFERENCE_BACKEND, type InferenceBackend } from './inference-backend.js';
import type { LocalInferenceEngineOptions } from './local-inference.engine.js';

export interface InferenceModuleOptions extends Omit<
  LocalInferenceEngineOptions,
  'modelsDir' | 'models' | 'dataSource' | 'metricsRegistry'
> {
  /** Default: MODELS_DIR, else models. */
  modelsDir?: string;
  /**
   * Loaded at start. Default none: each loader's model version is loaded when the loader first asks
   * for it (borrowOrOpenBackend), so a service loads only the models it uses. 'all': the whole repository.
   */
  models?: Record<string, string[] | 'all'> | 'all';
  /** Default: INFERENCE_URL / INFERENCE_API_KEY; false forces the local engine (risk's promotions). */
  remote?: RemoteInferenceOptions | false;
}

export interface InferenceModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => InferenceModuleOptions | Promise<InferenceModuleOptions>;
}

@Injectable()
class InferenceBackendLifecycle implements OnApplicationShutdown {
  constructor(@Inject(INFERENCE_BACKEND) private readonly backend: InferenceBackend) {}

  // Stops the session workers, so the process can exit.
  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}

export async function openModuleBackend(
  options: InferenceModuleOptions,
  dataSource: DataSource | undefined,
  metrics: MetricsService | undefined,
): Promise<InferenceBackend> {
  const { remote, models, ...local } = options;
  return openInferenceBackend(
    {
      ...local,
      modelsDir: options.modelsDir ?? (process.env.MODELS_DIR || 'models'),
      models: models === 'all' ? undefined : (models ?? {}),
      dataSource,
      metricsRegistry: metrics?.registry,
    },
    remote === false ? undefined : (remote ?? remoteInferenceFromEnv()),
  );
}

@Module({})
export class InferenceModule {
  static forRoot(options: InferenceModuleOptions | InferenceModuleAsyncOptions = {}): DynamicModule {
    const async = 'useFactory' in options ? options : { useFactory: () => options };
    const factory = async.useFactory as (...args: unknown[]) => Promise<InferenceModuleOptions>;
    const n = async.inject?.length ?? 0;
    return {
      module: InferenceModule,
      global: true,
      imports: async.imports ?? [],
      providers: [
        {
          provide: INFERENCE_BACKEND,
          // DataSource and MetricsService are optional so that a unit test can boot a module without
          // the platform; every service's AppModule has both.
          useFactory: async (...args: unknown[]) =>
            openModuleBackend(
              await factory(...args.slice(0, n)),
              args[n] as DataSource | undefined,
              args[n + 1] as MetricsService | undefined,
            ),
          inject: [
            ...(async.inject ?? []),
            { token: DataSource, optional: true },
            { token: MetricsService, optional: true },
          ],
        },
        InferenceBackendLifecycle,
      ],
      exports: [INFERENCE_BACKEND],
    };
  }
}
