import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, SERVICE_NAME } from './config.tokens.js';
import { type EnvSchema, loadConfig, platformEnvSchema } from './env.schema.js';

// The environment is read when the application is created (not when modules are imported), so tests
// can point an app at their own database by setting the environment first.
@Module({})
export class PlatformConfigModule {
  /** `schema`: the app's composed schema (platform's variables and its own); APP_CONFIG holds its result. */
  static forService(
    service: string,
    env?: NodeJS.ProcessEnv,
    schema: EnvSchema = platformEnvSchema,
  ): DynamicModule {
    return {
      module: PlatformConfigModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useFactory: () => loadConfig(env ?? process.env, schema) },
        { provide: SERVICE_NAME, useValue: service },
      ],
      exports: [APP_CONFIG, SERVICE_NAME],
    };
  }
}
