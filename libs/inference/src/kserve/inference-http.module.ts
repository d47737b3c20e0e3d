// Mounts the KServe v2 routes in any app. The backend comes from the INFERENCE_BACKEND token: from a
// module the app imports here (the local engine's), from a provider given here, or from a global module.
import {
  type DynamicModule,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { installKServeHttpHooks } from './kserve-http-hooks.js';
import { KServeV2Controller } from './kserve-v2.controller.js';

export interface InferenceHttpModuleOptions {
  /** Modules that export INFERENCE_BACKEND. */
  imports?: ModuleMetadata['imports'];
  /** A provider for INFERENCE_BACKEND, when no imported or global module provides one. */
  backend?: Provider;
}

// Registered as the module starts (before Fastify is ready), so main.ts and the e2e tests, which boot
// the same AppModule, parse bodies and shape errors the same way.
@Injectable()
class KServeHttpHooks implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() === 'fastify') installKServeHttpHooks(adapter.getInstance<FastifyInstance>());
  }
}

@Module({ controllers: [KServeV2Controller], providers: [KServeHttpHooks] })
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
