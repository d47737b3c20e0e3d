// Benchmarks run against a real PostgreSQL in throwaway databases: DATABASE_URL's server, or the
// embedded one (started here when nothing runs yet). Every database created is dropped by close().
import { randomBytes } from 'node:crypto';
import { loadConfig, startEmbeddedPostgres } from '@suite/platform';
import pg from 'pg';

export interface ScratchPostgres {
  /** A new empty database; its URL. */
  createDatabase(): Promise<string>;
  close(): Promise<void>;
}

export async function scratchPostgres(prefix: string): Promise<ScratchPostgres> {
  const config = loadConfig();
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT });
  const server = new URL(config.DATABASE_URL ?? embedded!.url);
  const created: string[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    createDatabase: async () => {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    },
    close: async () => {
      for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (embedded?.owned) await embedded.stop();
    },
  };
}
