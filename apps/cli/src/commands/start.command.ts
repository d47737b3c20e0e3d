// `npm start`: embedded PostgreSQL unless DATABASE_URL, migrations, the three services as child
// processes, then their URLs and development API keys. Ctrl-C stops everything, the database last.
import { type ChildProcess, fork } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import {
  type AppConfig,
  ApiKeyStore,
  createDataSource,
  type EmbeddedPostgresHandle,
  hashApiKey,
  loadConfig,
  maskUrl,
  startEmbeddedPostgres,
} from '@suite/platform';
import type { DataSource } from 'typeorm';
import { progress } from '../output.js';
import { appEntrypoint, SUITE_SERVICES } from '../services.js';

const READY_TIMEOUT_MS = 60_000;

/** Development keys (one per service, all scopes) are created once and kept in a local 0600 file. */
async function ensureDevKeys(config: AppConfig, dataSource: DataSource): Promise<Record<string, string>> {
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

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url} exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSuite(config: AppConfig): Promise<void> {
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
  const dataSource = createDataSource({ url: databaseUrl, applicationName: 'suite-start' });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  progress(`migrations: ${applied.length} applied, database ${maskUrl(databaseUrl)}`);
  const keys = await ensureDevKeys(config, dataSource);
  await dataSource.destroy();

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    progress('stopping services...');
    await Promise.all(children.map(stopChild));
    if (embedded?.owned) {
      progress('stopping embedded PostgreSQL...');
      await embedded.stop();
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  for (const svc of SUITE_SERVICES) {
    const child = fork(appEntrypoint(svc.app), [], {
      env: { ...process.env, DATABASE_URL: databaseUrl, MIGRATE_ON_BOOT: 'false' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        progress(`${svc.app} exited unexpectedly (code ${code}, signal ${signal}); stopping the suite`);
        void stopAll(1);
      }
    });
    children.push(child);
  }
  await Promise.all(
    SUITE_SERVICES.map((svc, i) => waitUntilReady(`http://${config.HOST}:${svc.port(config)}`, children[i])),
  );
  const lines = SUITE_SERVICES.map(
    (svc) =>
      `  ${svc.app.padEnd(17)} http://${config.HOST}:${svc.port(config)}  (docs /docs)  key ${keys[svc.service]}`,
  );
  process.stdout.write(
    `\nSuite ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n${lines.join('\n')}\n` +
      `Development keys (all scopes, per service) are kept in ${config.DEV_KEYS_FILE}. Ctrl-C stops everything.\n\n`,
  );
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start PostgreSQL (embedded unless DATABASE_URL), migrate, and run all three services')
    .action(async () => {
      await startSuite(loadConfig());
    });
}
