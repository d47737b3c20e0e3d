import { DataSource, type EntitySchema, type MigrationInterface, type MixedList } from 'typeorm';

// One DataSource definition for the apps, the CLI and the tests. Schema changes are migrations only.
export function createDataSource(options: {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  /** The migrations this process runs and checks for readiness (each service: platform's and its own). */
  migrations: (new () => MigrationInterface)[];
  poolSize?: number;
  applicationName?: string;
}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'suite',
      connectionTimeoutMillis: 5000,
    },
  });
}

export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
