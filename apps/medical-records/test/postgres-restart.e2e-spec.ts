// Fault test: PostgreSQL is restarted (fast shutdown: open transactions abort, sessions drop) while
// documents are being posted concurrently. Afterwards every acknowledged (2xx) document is stored
// exactly once, every unacknowledged one retried with its Idempotency-Key succeeds without a
// duplicate, and the service recovered on its own (same process, no restart).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@suite/platform';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

const CONCURRENCY = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Attempt {
  index: number;
  status: number;
  id?: string;
  retryAfter?: string;
  phase: 'before' | 'during' | 'after';
}

describe('medical-records: PostgreSQL restarted under concurrent ingestion', () => {
  // A server of this test's own, so that restarting it disturbs no other test file.
  const dataDir = mkdtempSync(join(tmpdir(), 'medical-pg-restart-'));
  const port = 57000 + (process.pid % 1000);
  const previousServerUrl = process.env.TEST_DATABASE_URL;
  let server: EmbeddedPostgresHandle;
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    server = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
    process.env.TEST_DATABASE_URL = server.url;
    sut = await startTestApp(AppModule, HTTP_APP, { DATABASE_POOL_SIZE: '6' });
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
    await server?.stop();
    process.env.TEST_DATABASE_URL = previousServerUrl;
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const bodyOf = (i: number) => ({
    text: `Note ${i}: admitted with pneumonia, started ceftriaxone and azithromycin.`,
    patientId: `MRN-FAULT-${i % 5}`,
    sourceMessageId: `fault-src-${i}`,
  });
  const postDocument = (i: number) =>
    request(sut.server)
      .post('/v1/documents')
      .set('x-api-key', key)
      .set('idempotency-key', `fault-${i}`)
      .send(bodyOf(i))
      .timeout(30_000);

  it('stores every acknowledged document exactly once and accepts the retries', async () => {
    const attempts: Attempt[] = [];
    let phase: Attempt['phase'] = 'before';
    let next = 0;
    let stopPosting = false;

    const poster = async () => {
      while (!stopPosting) {
        const index = next++;
        const at = phase;
        try {
          const res = await postDocument(index);
          attempts.push({
            index,
            status: res.status,
            id: res.body?.id as string | undefined,
            retryAfter: res.headers['retry-after'] as string | undefined,
            phase: at,
          });
        } catch {
          attempts.push({ index, status: 0, phase: at }); // no response at all
        }
        await sleep(10);
      }
    };
    const posters = Array.from({ length: CONCURRENCY }, () => poster());

    // Let ingestion run, restart PostgreSQL under it, then keep posting against the restarted server.
    while (attempts.filter((a) => a.status === 201).length < 16) await sleep(20);
    phase = 'during';
    await server.stop();
    await sleep(1000);
    server = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
    phase = 'after';
    const restartedAt = Date.now();
    while (
      Date.now() - restartedAt < 15_000 &&
      attempts.filter((a) => a.phase === 'after' && a.status === 201).length < 16
    ) {
      await sleep(50);
    }
    stopPosting = true;
    await Promise.all(posters);

    const acked = attempts.filter((a) => a.status === 201);
    const failed = attempts.filter((a) => a.status !== 201);
    // The fault really happened, and the same process served again after it.
    expect(acked.filter((a) => a.phase === 'before').length).toBeGreaterThanOrEqual(16);
    expect(failed.length).toBeGreaterThan(0);
    // Failures while the database is away are 503 + Retry-After (retry with the same key), not 500s.
    expect([...new Set(failed.map((a) => `${a.status} ${a.retryAfter}`))]).toEqual(['503 1']);
    expect(acked.filter((a) => a.phase === 'after').length).toBeGreaterThanOrEqual(16);
    const ready = await request(sut.server).get('/health/ready');
    expect(ready.status).toBe(200);

    const storedCounts = async () =>
      new Map(
        (
          (await sut.dataSource.query(
            `SELECT sm.source_message_id AS source, count(d.id)::int AS n, min(d.id::text) AS id
             FROM medical.source_messages sm JOIN medical.documents d ON d.source_message = sm.id
             GROUP BY sm.source_message_id`,
          )) as { source: string; n: number; id: string }[]
        ).map((r) => [r.source, r]),
      );

    // Every acknowledged document is stored exactly once, under the id it was acknowledged with.
    let stored = await storedCounts();
    for (const a of acked) {
      expect(stored.get(`fault-src-${a.index}`)).toEqual({ source: `fault-src-${a.index}`, n: 1, id: a.id });
    }

    // Every unacknowledged one, retried with the same key, succeeds; one whose commit landed before
    // the connection dropped is replayed rather than stored again.
    for (const a of failed) {
      const retry = await postDocument(a.index);
      expect(retry.status).toBe(201);
      const retryAgain = await postDocument(a.index);
      expect(retryAgain.status).toBe(201);
      expect(retryAgain.headers['idempotent-replayed']).toBe('true');
      expect(retryAgain.body.id).toBe(retry.body.id);
    }
    stored = await storedCounts();
    const total = (await sut.dataSource.query(`SELECT count(*)::int AS n FROM medical.documents`)) as {
      n: number;
    }[];
    expect(stored.size).toBe(attempts.length);
    expect(total[0].n).toBe(attempts.length);
    for (const [, row] of stored) expect(row.n).toBe(1);
    const keys = (await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM platform.idempotency_keys WHERE key LIKE 'fault-%'`,
    )) as { n: number }[];
    expect(keys[0].n).toBe(attempts.length);
  }, 180_000);
});
