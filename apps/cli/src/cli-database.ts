import { type AppConfig, createDataSource, startEmbeddedPostgres } from '@suite/platform';
import { migrations } from '@suite/migrations';
import type { DataSource } from 'typeorm';
import { progress } from './output.js';

/** Runs `work` against DATABASE_URL, or the embedded PostgreSQL (started for the command if needed). */
export async function withDataSource<T>(
  config: AppConfig,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT });
  if (embedded) progress(`using embedded PostgreSQL in ${config.EMBEDDED_PG_DIR}`);
  const dataSource = createDataSource({
    url: config.DATABASE_URL ?? embedded!.url,
    migrations,
    applicationName: 'suite-cli',
  });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
    if (embedded?.owned) await embedded.stop();
  }
}
