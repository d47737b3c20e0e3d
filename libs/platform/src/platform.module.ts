import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource, type EntitySchema, type MigrationInterface, type MixedList } from 'typeorm';
import { AuditService } from './audit/audit.service.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { ApiKeysController } from './auth/api-keys.controller.js';
import { APP_CONFIG } from './config/config.tokens.js';
import type { AppConfig, EnvSchema } from './config/env.schema.js';
import { PlatformConfigModule } from './config/platform-config.module.js';
import { createDataSource } from './database/data-source.factory.js';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { TransactionRunner } from './database/transaction-runner.js';
import { HealthController } from './health/health.controller.js';
import { GLOBAL_ENHANCERS, PlainRoutes, VALIDATION_PIPE } from './http/plain-route.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/http-metrics.service.js';

export interface PlatformOptions {
  /** The service's name, which is also its PostgreSQL schema: risk, medical, support, inference. */
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  /** The service's migrations, platform's included (migrations/index.ts `serviceMigrations`). */
  migrations: (new () => MigrationInterface)[];
  /** The app's config schema, composed at its bootstrap (`platformEnvSchema.extend(...)`); default platform's. */
  config?: EnvSchema;
  /** Environment to read instead of process.env (tests). */
  env?: NodeJS.ProcessEnv;
}

const EMBEDDED_HANDLE = Symbol('EMBEDDED_HANDLE');

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_HANDLE) private readonly embedded: EmbeddedPostgresHandle | undefined,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.embedded?.owned) await this.embedded.stop();
  }
}

/** Everything every service needs and none owns: config, database, HTTP stack, auth, health, metrics. */
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const configModule = PlatformConfigModule.forService(options.service, options.env, options.config);
    const providers: Provider[] = [
      {
        provide: EMBEDDED_HANDLE,
        useFactory: async (cfg: AppConfig) =>
          cfg.DATABASE_URL
            ? undefined
            : startEmbeddedPostgres({ dataDir: cfg.EMBEDDED_PG_DIR, port: cfg.EMBEDDED_PG_PORT }),
        inject: [APP_CONFIG],
      },
      {
        provide: DataSource,
        useFactory: async (cfg: AppConfig, embedded: EmbeddedPostgresHandle | undefined) => {
          const url = cfg.DATABASE_URL ?? embedded?.url;
          if (!url) throw new Error('no database');
          const dataSource = createDataSource({
            url,
            entities: options.entities,
            migrations: options.migrations,
            poolSize: cfg.DATABASE_POOL_SIZE,
            applicationName: `suite-${options.service}`,
          });
          await dataSource.initialize();
          if (cfg.MIGRATE_ON_BOOT) {
            const ran = await dataSource.runMigrations({ transaction: 'each' });
            if (ran.length > 0) new Logger('Database').log(`applied ${ran.length} migration(s)`);
          }
          return dataSource;
        },
        inject: [APP_CONFIG, EMBEDDED_HANDLE],
      },
      DatabaseLifecycle,
      TransactionRunner,
      ApiKeyService,
      IdempotencyService,
      AuditService,
      MetricsService,
      // The global enhancers, also injectable by class so that PlainRoutes calls these same instances.
      { provide: VALIDATION_PIPE, useFactory: createValidationPipe },
      ...GLOBAL_ENHANCERS.guards,
      GLOBAL_ENHANCERS.interceptor,
      GLOBAL_ENHANCERS.filter,
      { provide: APP_PIPE, useExisting: VALIDATION_PIPE },
      ...GLOBAL_ENHANCERS.guards.map((guard) => ({ provide: APP_GUARD, useExisting: guard })),
      { provide: APP_INTERCEPTOR, useExisting: GLOBAL_ENHANCERS.interceptor },
      { provide: APP_FILTER, useExisting: GLOBAL_ENHANCERS.filter },
      PlainRoutes,
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [configModule, TerminusModule.forRoot({ logger: false }), DiscoveryModule],
      controllers: [HealthController, MetricsController, ApiKeysController],
      providers,
      exports: [
        configModule,
        DataSource,
        TransactionRunner,
        ApiKeyService,
        IdempotencyService,
        AuditService,
        MetricsService,
      ],
    };
  }
}
