import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyStore, createHttpApp, type HttpAppOptions } from '@suite/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** The Node HTTP server, for supertest. */
  server: import('node:http').Server;
  db: TestDatabase;
  dataSource: DataSource;
  /** Creates a real API key (hashed in the database) and returns its plaintext. */
  createKey(service: string, scopes: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real AppModule with the production HTTP stack against a fresh, migrated database. */
export async function startTestApp(
  module: Type<unknown>,
  options: HttpAppOptions,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    MIGRATE_ON_BOOT: 'true',
    API_KEY_CACHE_MS: '0',
    ...env,
  });
  const app = await createHttpApp(module, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  const store = new ApiKeyStore(dataSource);
  return {
    app,
    server: app.getHttpServer(),
    db,
    dataSource,
    createKey: async (service, scopes) => (await store.createKey({ name: 'test', service, scopes })).key,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
