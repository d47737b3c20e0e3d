// Model-based test of Idempotency-Key handling on the real HTTP stack and PostgreSQL: random
// sequences of requests, with repeated and reused keys, some sent concurrently. The effect is a row in
// a ledger table written inside the handler's transaction.
import { Body, Controller, Module, Post } from '@nestjs/common';
import {
  hashApiKey,
  hashIdempotencyKey,
  hashRequest,
  Idempotent,
  PlatformModule,
  RequireScopes,
  TransactionRunner,
} from '@suite/platform';
import request from 'supertest';
import { IdempotencyKeyHash1764300001001 } from '../migrations/1764300001001-idempotency-key-hash.js';
import {
  checkIdempotencyModel,
  createLedger,
  insertEntry,
  LedgerEntryDto,
  ledgerRows,
} from './support/idempotency-model.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { migrations } from '@suite/migrations';

@Controller('v1/ledger')
class LedgerController {
  constructor(private readonly tx: TransactionRunner) {}

  @Post()
  @Idempotent()
  @RequireScopes('ledger:write')
  async postLedgerEntry(@Body() dto: LedgerEntryDto): Promise<{ id: number; amount: number }> {
    const row = await insertEntry(this.tx, dto.amount);
    // Widens the window in which a concurrent duplicate finds the key in flight.
    await this.tx.manager().query('SELECT pg_sleep(0.03)');
    return row;
  }
}

@Module({
  imports: [PlatformModule.forService({ service: 'risk', migrations })],
  controllers: [LedgerController],
})
class LedgerTestModule {}

describe('Idempotency-Key (model-based)', () => {
  let sut: TestApp;
  let apiKey: string;

  beforeAll(async () => {
    sut = await startTestApp(LedgerTestModule, { title: 'ledger' });
    await createLedger(sut.dataSource);
    apiKey = await sut.createKey('risk', ['ledger:write']);
  });

  afterAll(() => sut.close());

  const post = (key: string | null, amount: number) => {
    const req = request(sut.server).post('/v1/ledger').set('x-api-key', apiKey);
    if (key !== null) req.set('idempotency-key', key);
    return req.send({ amount });
  };

  it('has exactly one effect per key, identical replays, 422 for a reused key and 409 while in flight', async () => {
    await checkIdempotencyModel({
      post: (key, amount) => post(key, amount),
      ledgerRows: () => ledgerRows(sut.dataSource),
    });
  });

  it('replays the stored status and body, and marks the replay', async () => {
    const first = await post('fixed-key', 7);
    const second = await post('fixed-key', 7);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });

  it('replays to every one of 10 parallel retries once the first request committed, idle and under load', async () => {
    for (const load of [0, 30]) {
      const key = `parallel-${load}`;
      expect((await post(key, 9)).status).toBe(201);
      const background = Array.from({ length: load }, () => post(null, 1));
      const retries = await Promise.all(Array.from({ length: 10 }, () => post(key, 9)));
      await Promise.all(background);
      expect(retries.map((r) => [r.status, r.headers['idempotent-replayed']])).toEqual(
        Array.from({ length: 10 }, () => [201, 'true']),
      );
    }
  });

  it('answers 10 copies sent at once with one effect and 409s, and every later copy with the replay', async () => {
    const before = await ledgerRows(sut.dataSource);
    const copies = await Promise.all(Array.from({ length: 10 }, () => post('at-once', 4)));
    const fresh = copies.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    for (const r of copies.filter((c) => c !== fresh[0])) {
      expect(r.status === 409 || r.headers['idempotent-replayed'] === 'true').toBe(true);
    }
    const later = await Promise.all(Array.from({ length: 10 }, () => post('at-once', 4)));
    expect(later.map((r) => r.body)).toEqual(Array.from({ length: 10 }, () => fresh[0].body));
    expect(later.every((r) => r.headers['idempotent-replayed'] === 'true')).toBe(true);
    const after = await ledgerRows(sut.dataSource);
    expect(after - before).toBe(1);
  });

  it('stores only the SHA-256 of a key, never the key', async () => {
    await post('stored-key-Canary-7731', 2);
    const rows = (await sut.dataSource.query(
      'SELECT row_to_json(k)::text AS r FROM platform.idempotency_keys k',
    )) as {
      r: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.r.includes('Canary-7731'))).toBe(false);
    expect(rows.some((row) => row.r.includes(hashIdempotencyKey('stored-key-Canary-7731')))).toBe(true);
  });

  it('refuses keys outside the strict format with 400, before hashing the body', async () => {
    for (const key of ['has spaces in it', 'Quillon;Vespertine', 'x'.repeat(129), 'é']) {
      const res = await request(sut.server)
        .post('/v1/ledger')
        .set('x-api-key', apiKey)
        .set('idempotency-key', key)
        .send({ amount: 1 });
      expect({ key: key.slice(0, 20), status: res.status, code: res.body.code }).toEqual({
        key: key.slice(0, 20),
        status: 400,
        code: 'IDEMPOTENCY_KEY_INVALID',
      });
    }
  });

  it('answers a body nested 10,000 deep with 400, with and without a key', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    for (const key of [null, 'deep-body']) {
      const req = request(sut.server)
        .post('/v1/ledger')
        .set('x-api-key', apiKey)
        .set('content-type', 'application/json');
      if (key) req.set('idempotency-key', key);
      const res = await req.send(deep);
      expect({ key, status: res.status, field: res.body.fields?.[0]?.field }).toEqual({
        key,
        status: 400,
        field: 'body',
      });
    }
  });

  it('keeps replaying rows stored before keys were hashed (the migration hashes them in place)', async () => {
    const migration = new IdempotencyKeyHash1764300001001();
    const runner = sut.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const [{ id }] = (await sut.dataSource.query('SELECT id FROM platform.api_keys WHERE key_hash = $1', [
        hashApiKey(apiKey),
      ])) as { id: string }[];
      await sut.dataSource.query(
        `INSERT INTO platform.idempotency_keys (service, principal, key, request_hash, status_code, response_body)
         VALUES ('risk', $1, 'legacy-key-1', $2, 201, '{"id": -1, "amount": 6}')`,
        [id, hashRequest('POST', '/v1/ledger', { amount: 6 })],
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const replay = await post('legacy-key-1', 6);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual({ id: -1, amount: 6 });
    expect((await post('legacy-key-1', 7)).status).toBe(422);
  });

  it('rejects a malformed key with 400 and stores nothing', async () => {
    const before = await ledgerRows(sut.dataSource);
    const res = await post('has spaces in it', 3);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(await ledgerRows(sut.dataSource)).toBe(before);
  });

  it('rolls the effect back when validation fails, so the key stays free', async () => {
    const bad = await post('retry-me', 5000);
    expect(bad.status).toBe(400);
    const good = await post('retry-me', 5);
    expect(good.status).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
  });
});
