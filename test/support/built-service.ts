// A service as it runs in production: `node dist/apps/<app>/main.js` (SUITE_DIST_DIR names another
// build folder) in a child process, ready once it has sent its IPC `ready` message after listen().
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from '@suite/migrations';
import { ApiKeyStore, createDataSource } from '@suite/platform';

export interface BuiltService {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/** The built entry of `app`, and whether it exists (specs skip, saying so, when it does not). */
export function builtEntry(app: string): { entry: string; built: boolean } {
  const entry = join(process.env.SUITE_DIST_DIR ?? 'dist', 'apps', app, 'main.js');
  const built = existsSync(entry);
  if (!built)
    process.stderr.write(`${app} built-service test SKIPPED: ${entry} is not built (npm run build)\n`);
  return { entry, built };
}

/** Starts `entry` with `env` over the test process's own, and resolves once it is listening. */
export async function startBuiltService(
  entry: string,
  env: Record<string, string>,
  startTimeoutMs = 90_000,
): Promise<BuiltService> {
  let output = '';
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), startTimeoutMs);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', () => reject(new Error(`service exited at start:\n${output}`)));
  });
  return { child, output: () => output, exited };
}

/** A real API key (hashed in the database at `url`, as the service reads it); returns its plaintext. */
export async function createServiceKey(url: string, service: string, scopes: string[]): Promise<string> {
  const dataSource = createDataSource({ url, migrations, poolSize: 1, applicationName: 'test-key' });
  await dataSource.initialize();
  try {
    return (await new ApiKeyStore(dataSource).createKey({ name: 'test', service, scopes })).key;
  } finally {
    await dataSource.destroy();
  }
}
