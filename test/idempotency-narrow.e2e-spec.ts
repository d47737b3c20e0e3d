// Narrow idempotent requests (@Idempotent({ narrow: true })) on the real HTTP stack and PostgreSQL:
// the same model-based property as test/idempotency.e2e-spec.ts (one effect per key, identical replays,
// 422 for a reused key, 409 while in flight), plus what narrowing adds: no transaction, lock or pooled
// connection is held while the handler computes, the claim is released when a request fails, a crashed
// request's claim blocks the key only until its lease ends, and a request that outlived its lease and
// was taken over commits nothing.
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Module, Post } from '@nestjs/common';
import {
  DomainError,
  hashApiKey,
  hashIdempotencyKey,
  hashRequest,
  Idempotent,
  PlatformModule,
  RequireScopes,
  TransactionRunner,
} from '@suite/platform';
import { migrations } from '@suite/migrations';
import request from 'supertest';
import {
  checkIdempotencyModel,
  createLedger,
  insertEntry,
  LedgerEntryDto,
  ledgerRows as countLedgerRows,
} from './support/idempotency-model.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { type ProbeReading, TransactionProbe } from './support/transaction-probe.js';

/** What the handlers do in their compute step (set per test); the default widens the in-flight window. */
const compute: { hook: (amount: number) => Promise<void> } = { hook: () => sleep(30) };

@Controller('v1')
class LedgerController {
  constructor(private readonly tx: TransactionRunner) {}

  /** Computes with no transaction open, then writes in `tx.run`. */
  @Post('narrow-ledger')
  @Idempotent({ narrow: true })
  @RequireScopes('ledger:write')
  async postNarrow(@Body() dto: LedgerEntryDto): Promise<{ id: number; amount: number }> {
    await compute.hook(dto.amount);
    return this.tx.run(() => insertEntry(this.tx, dto.amount));
  }

  /** The same with a lease of 300 ms, for the takeover test. */
  @Post('short-lease-ledger')
  @Idempotent({ narrow: true, leaseMs: 300 })
  @RequireScopes('ledger:write')
  async postShortLease(@Body() dto: LedgerEntryDto): Promise<{ id: number; amount: number }> {
    await compute.hook(dto.amount);
    return this.tx.run(() => insertEntry(this.tx, dto.amount));
  }

  /** The wide (default) mode, as a control: its compute step runs inside the request's transaction. */
  @Post('wide-ledger')
  @Idempotent()
  @RequireScopes('ledger:write')
  async postWide(@Body() dto: LedgerEntryDto): Promise<{ id: number; amount: number }> {
    const row = await insertEntry(this.tx, dto.amount);
    await compute.hook(dto.amount);
    return row;
  }
}

@Module({
  imports: [PlatformModule.forService({ service: 'risk', migrations })],
  controllers: [LedgerController],
})
class NarrowLedgerTestModule {}

describe('Idempotency-Key, narrow transactions (model-based)', () => {
  let sut: TestApp;
  let apiKey: string;
  let principal: string;
  let probe: TransactionProbe;

  beforeAll(async () => {
    sut = await startTestApp(NarrowLedgerTestModule, { title: 'ledger' });
    await createLedger(sut.dataSource);
    apiKey = await sut.createKey('risk', ['ledger:write']);
    [{ id: principal }] = (await sut.dataSource.query(
      'SELECT id FROM platform.api_keys WHERE key_hash = $1',
      [hashApiKey(apiKey)],
    )) as { id: string }[];
    probe = await TransactionProbe.open(sut.db.url, sut.dataSource);
  });

  afterEach(() => {
    compute.hook = () => sleep(30);
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const post = (key: string | null, amount: number, route = 'narrow-ledger') => {
    const req = request(sut.server).post(`/v1/${route}`).set('x-api-key', apiKey);
    if (key !== null) req.set('idempotency-key', key);
    return req.send({ amount });
  };
  const ledgerRows = () => countLedgerRows(sut.dataSource);
  const claimOf = async (key: string) =>
    (
      (await sut.dataSource.query(
        `SELECT status_code, claim_token IS NOT NULL AS claimed, lease_until > now() AS leased
         FROM platform.idempotency_keys WHERE key_hash = $1`,
        [hashIdempotencyKey(key)],
      )) as { status_code: number | null; claimed: boolean; leased: boolean }[]
    )[0];

  it('has exactly one effect per key, identical replays, 422 for a reused key and 409 while in flight', async () => {
    await checkIdempotencyModel({ post: (key, amount) => post(key, amount), ledgerRows: ledgerRows });
  });

  it('holds no transaction, lock or pooled connection while it computes; the wide mode holds all three', async () => {
    const readings: Record<string, ProbeReading> = {};
    let claimDuringCompute: Awaited<ReturnType<typeof claimOf>> | undefined;
    compute.hook = async () => {
      readings.current = await probe.read();
      claimDuringCompute ??= await claimOf('probe-narrow');
    };
    const narrow = await post('probe-narrow', 3);
    expect(narrow.status).toBe(201);
    expect(readings.current).toEqual({ openTransactions: 0, heldLocks: 0, poolInUse: 0 });
    // The key was claimed (in progress, under a lease) before the compute, and finished with the write.
    expect(claimDuringCompute).toEqual({ status_code: null, claimed: true, leased: true });
    expect(await claimOf('probe-narrow')).toEqual({ status_code: 201, claimed: false, leased: null });

    // Without a key nothing is claimed, and nothing is held either.
    expect((await post(null, 3)).status).toBe(201);
    expect(readings.current).toEqual({ openTransactions: 0, heldLocks: 0, poolInUse: 0 });

    // The control: the probe sees what a wide request holds at the same point.
    expect((await post('probe-wide', 3, 'wide-ledger')).status).toBe(201);
    expect(readings.current.openTransactions).toBe(1);
    expect(readings.current.heldLocks).toBeGreaterThan(0);
    expect(readings.current.poolInUse).toBe(1);
  });

  it('answers 10 copies sent at once with one computation, one effect and 409s; later copies replay', async () => {
    let computations = 0;
    compute.hook = async () => {
      computations += 1;
      await sleep(200);
    };
    const before = await ledgerRows();
    const copies = await Promise.all(Array.from({ length: 10 }, () => post('narrow-at-once', 4)));
    const fresh = copies.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    // A copy that a loaded machine delays past the first one's commit gets the replay instead.
    for (const r of copies.filter((c) => c !== fresh[0])) {
      if (r.status === 201)
        expect([r.headers['idempotent-replayed'], r.body]).toEqual(['true', fresh[0].body]);
      else
        expect({ status: r.status, code: r.body.code }).toEqual({
          status: 409,
          code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
        });
    }
    expect(copies.filter((r) => r.status === 409).length).toBeGreaterThan(0);
    expect(computations).toBe(1);
    const later = await Promise.all(Array.from({ length: 10 }, () => post('narrow-at-once', 4)));
    expect(later.map((r) => [r.status, r.headers['idempotent-replayed'], r.body])).toEqual(
      Array.from({ length: 10 }, () => [201, 'true', fresh[0].body]),
    );
    expect(computations).toBe(1);
    expect((await ledgerRows()) - before).toBe(1);
  });

  it('releases the claim of a request that fails, so the key stays free; a 400 claims nothing', async () => {
    compute.hook = () => Promise.reject(new DomainError('CONFLICT', 'compute failed'));
    const failed = await post('narrow-fails', 6);
    expect(failed.status).toBe(409);
    expect(failed.body.code).toBe('CONFLICT');
    expect(await claimOf('narrow-fails')).toBeUndefined();
    compute.hook = () => Promise.resolve();
    const retried = await post('narrow-fails', 6);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();

    expect((await post('narrow-invalid', 5000)).status).toBe(400);
    expect(await claimOf('narrow-invalid')).toBeUndefined();
  });

  it('blocks the key of a crashed request until its lease ends, then lets a retry take it over', async () => {
    const body = { amount: 8 };
    const requestHash = hashRequest('POST', '/v1/narrow-ledger', body);
    // A claim left by a process that died mid-compute: no result, a lease in the future.
    const leftBehind = async (key: string, lease: string) =>
      sut.dataSource.query(
        `INSERT INTO platform.idempotency_keys (service, principal, key_hash, request_hash, claim_token, lease_until)
         VALUES ('risk', $1, $2, $3, gen_random_uuid(), now() + $4::interval)`,
        [principal, hashIdempotencyKey(key), requestHash, lease],
      );
    await leftBehind('crashed-live', '1 hour');
    const blocked = await post('crashed-live', 8);
    expect({ status: blocked.status, code: blocked.body.code }).toEqual({
      status: 409,
      code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
    });
    await leftBehind('crashed-expired', '-1 second');
    const before = await ledgerRows();
    const takenOver = await post('crashed-expired', 8);
    expect(takenOver.status).toBe(201);
    expect(takenOver.headers['idempotent-replayed']).toBeUndefined();
    expect((await ledgerRows()) - before).toBe(1);
    expect((await post('crashed-expired', 8)).headers['idempotent-replayed']).toBe('true');
  });

  it('commits nothing for a request that outlived its lease and was taken over', async () => {
    const before = await ledgerRows();
    let calls = 0;
    // The first request computes for 1.5 s (its lease is 300 ms); a retry at 800 ms takes the key
    // over, computes briefly and commits first.
    compute.hook = async () => {
      calls += 1;
      await sleep(calls === 1 ? 1500 : 10);
    };
    const slow = post('outlived', 9, 'short-lease-ledger');
    const slowDone = slow.then((r) => r);
    await sleep(800);
    const retry = await post('outlived', 9, 'short-lease-ledger');
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const first = await slowDone;
    // The slow one's write was rolled back: it answers with the committed result, marked as a replay.
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('true');
    expect(first.body).toEqual(retry.body);
    expect(calls).toBe(2);
    expect((await ledgerRows()) - before).toBe(1);
  });
});
