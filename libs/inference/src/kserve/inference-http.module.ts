// Mounts the KServe v2 routes in any app. The backend comes from the INFERENCE_BACKEND token: from a
// module the app imports here (the local engine's), from a provider given here, or from a global module.
import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { KServeV2Controller } from './kserve-v2.controller.js';

export interface InferenceHttpModuleOptions {
  /** Modules that export INFERENCE_BACKEND. */
  imports?: ModuleMetadata['imports'];
  /** A provider for INFERENCE_BACKEND, when no imported or global module provides one. */
  backend?: Provider;
}

@Module({ controllers: [KServeV2Controller] })
export class InferenceHttpModule {
  static register(options: InferenceHttpModuleOptions = {}): DynamicModule {
    return {
      module: InferenceHttpModule,
      imports: options.imports ?? [],
      // Controllers come from @Module below (Nest merges them; listing them here too would double the routes).
      providers: options.backend ? [options.backend] : [],
    };
  }
}
