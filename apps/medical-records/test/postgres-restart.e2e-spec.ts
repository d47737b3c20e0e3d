// Fault test: PostgreSQL is restarted (fast shutdown: open transactions abort, sessions drop) while
// documents are being posted concurrently. Afterwards every acknowledged (2xx) document is stored
// exactly once, every unacknowledged one retried with its Idempotency-Key succeeds without a
// duplicate, and the service recovered on its own (same process, no restart).
import { hashIdempotencyKey } from '@suite/platform';
import request from 'supertest';
import { OwnPostgres } from '../../../test/support/postgres-restart.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

const CONCURRENCY = 8;

describe('medical-records: PostgreSQL restarted under concurrent ingestion', () => {
  // A server of this test's own, so that restarting it disturbs no other test file.
  const postgres = new OwnPostgres('medical-pg-restart', 57000 + (process.pid % 1000));
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    await postgres.start();
    sut = await startTestApp(AppModule, HTTP_APP, { DATABASE_POOL_SIZE: '6' });
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
    await postgres.stop();
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
    // Let ingestion run, restart PostgreSQL under it, then keep posting against the restarted server.
    const attempts = await postgres.restartUnderLoad({
      send: async (index) => {
        const res = await postDocument(index);
        return {
          status: res.status,
          id: res.body?.id as string | undefined,
          retryAfter: res.headers['retry-after'] as string | undefined,
        };
      },
      concurrency: CONCURRENCY,
      ackedBefore: 16,
      ackedAfter: 16,
      successStatus: 201,
      pauseMs: 10,
    });

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
      `SELECT count(*)::int AS n FROM platform.idempotency_keys WHERE key_hash = ANY($1)`,
      [attempts.map((a) => hashIdempotencyKey(`fault-${a.index}`))],
    )) as { n: number }[];
    expect(keys[0].n).toBe(attempts.length);
  }, 180_000);
});
