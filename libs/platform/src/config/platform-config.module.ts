import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, SERVICE_NAME } from './config.tokens.js';
import { loadConfig } from './env.schema.js';

// The environment is read when the application is created (not when modules are imported), so tests
// can point an app at their own database by setting the environment first.
@Module({})
export class PlatformConfigModule {
  static forService(service: string, env?: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: PlatformConfigModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useFactory: () => loadConfig(env ?? process.env) },
        { provide: SERVICE_NAME, useValue: service },
      ],
      exports: [APP_CONFIG, SERVICE_NAME],
    };
  }
}
