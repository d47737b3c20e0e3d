// Fault test: PostgreSQL restarted (fast shutdown: open transactions abort, sessions drop) while
// applications are scored concurrently through risk-scoring. Afterwards every acknowledged (201) score
// is stored exactly once under the id it was acknowledged with, every request that failed was refused
// with 503 + Retry-After (not a 500), its retry with the same Idempotency-Key succeeds without a
// duplicate, and the same process serves again (no restart). A PostgreSQL of this test's own.
import { hashIdempotencyKey } from '@suite/platform';
import request from 'supertest';
import { HTTP_APP } from '../../apps/risk-scoring/src/app.definition.js';
import { AppModule } from '../../apps/risk-scoring/src/app.module.js';
import { OwnPostgres } from '../support/postgres-restart.js';
import { APPLICATION } from '../support/risk-application.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CONCURRENCY = 8;

describe('risk-scoring: PostgreSQL restarted under concurrent scoring', () => {
  const postgres = new OwnPostgres('risk-pg-restart', 58000 + (process.pid % 1000));
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    await postgres.start();
    sut = await startTestApp(AppModule, HTTP_APP, { DATABASE_POOL_SIZE: '6', RISK_RETRAIN_CRON: 'off' });
    key = await sut.createKey('risk', ['risk:score', 'risk:read']);
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
    await postgres.stop();
  }, 60_000);

  const score = (i: number) =>
    request(sut.server)
      .post('/v1/applications/score')
      .set('x-api-key', key)
      .set('idempotency-key', `risk-fault-${i}`)
      .send({ ...APPLICATION, externalReference: `risk-fault-${i}` })
      .timeout(30_000);

  it('stores every acknowledged score exactly once, refuses with 503, recovers, accepts the retries', async () => {
    const attempts = await postgres.restartUnderLoad({
      send: async (index) => {
        const res = await score(index);
        return {
          status: res.status,
          id: res.body?.applicationId as string | undefined,
          retryAfter: res.headers['retry-after'] as string | undefined,
        };
      },
      concurrency: CONCURRENCY,
      ackedBefore: 16,
      ackedAfter: 16,
      successStatus: 201,
    });
    const acknowledgedIn = (p: 'before' | 'after') =>
      attempts.filter((a) => a.phase === p && a.status === 201).length;

    const acked = attempts.filter((a) => a.status === 201);
    const failed = attempts.filter((a) => a.status !== 201);
    expect(failed.length).toBeGreaterThan(0); // the fault happened
    expect([...new Set(failed.map((a) => `${a.status} ${a.retryAfter}`))]).toEqual(['503 1']);
    expect(acknowledgedIn('after')).toBeGreaterThanOrEqual(16); // the same process serves again
    expect((await request(sut.server).get('/health/ready')).status).toBe(200);

    const stored = async () =>
      new Map(
        (
          (await sut.dataSource.query(
            `SELECT external_reference AS ref, count(*)::int AS n, min(id::text) AS id
             FROM risk.credit_applications GROUP BY external_reference`,
          )) as { ref: string; n: number; id: string }[]
        ).map((r) => [r.ref, r]),
      );
    let rows = await stored();
    for (const a of acked) {
      const ref = `risk-fault-${a.index}`;
      expect(rows.get(ref)).toEqual({ ref, n: 1, id: a.id });
    }
    for (const a of failed) {
      const retry = await score(a.index);
      expect(retry.status).toBe(201);
      const again = await score(a.index);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.applicationId).toBe(retry.body.applicationId);
    }
    rows = await stored();
    expect(rows.size).toBe(attempts.length);
    for (const [, row] of rows) expect(row.n).toBe(1);
    const [{ n }] = (await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM platform.idempotency_keys WHERE key_hash = ANY($1)`,
      [attempts.map((a) => hashIdempotencyKey(`risk-fault-${a.index}`))],
    )) as { n: number }[];
    expect(n).toBe(attempts.length);
  }, 180_000);
});
