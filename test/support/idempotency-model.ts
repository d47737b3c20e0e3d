// The idempotency model as a property, shared by the default (one transaction per request) and the
// narrow (claim, compute, write) modes: random sequences of requests, some sent as concurrent copies,
// with keys reused with the same or another amount. Each key has exactly one effect, replays are
// identical to the first answer, a reused key with another body is 422, a copy sent while the first is
// in flight is 409, and the ledger grows by exactly the fresh effects.
import { expect } from '@jest/globals';
import type { TransactionRunner } from '@suite/platform';
import { IsInt, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import fc from 'fast-check';

/** The effect the model's routes have: one row of `test_ledger` per fresh request. */
export class LedgerEntryDto {
  @IsInt()
  @Min(1)
  @Max(1000)
  amount: number;
}

export async function createLedger(dataSource: DataSource): Promise<void> {
  await dataSource.query('CREATE TABLE test_ledger (id serial PRIMARY KEY, amount int NOT NULL)');
}

export async function ledgerRows(dataSource: DataSource): Promise<number> {
  return Number((await dataSource.query('SELECT count(*) AS n FROM test_ledger'))[0].n);
}

/** Inserts one ledger row in the request's transaction (or the pool's, outside one). */
export async function insertEntry(
  tx: TransactionRunner,
  amount: number,
): Promise<{ id: number; amount: number }> {
  const [row] = (await tx
    .manager()
    .query('INSERT INTO test_ledger (amount) VALUES ($1) RETURNING id, amount', [amount])) as {
    id: number;
    amount: number;
  }[];
  return row;
}

interface Step {
  key: number | null;
  amount: number;
  copies: number;
}

interface PostResponse {
  status: number;
  headers: Record<string, string>;
  body: { amount?: number; code?: string };
}

export interface IdempotencyModelTarget {
  /** POSTs `{ amount }`, with `Idempotency-Key: key` unless key is null. */
  post: (key: string | null, amount: number) => PromiseLike<PostResponse>;
  /** Rows of the ledger the route writes one of per fresh effect. */
  ledgerRows: () => Promise<number>;
}

export async function checkIdempotencyModel(target: IdempotencyModelTarget): Promise<void> {
  let run = 0;
  const step = fc.record({
    key: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 5 }),
    amount: fc.integer({ min: 1, max: 2 }),
    copies: fc.integer({ min: 1, max: 3 }),
  });
  const seen = { fresh: 0, replay: 0, reused: 0, inFlight: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps: Step[]) => {
      run += 1;
      const before = await target.ledgerRows();
      const model = new Map<string, { amount: number; body: unknown }>();
      let effects = 0;
      for (const s of steps) {
        const key = s.key === null ? null : `run${run}-k${s.key}`;
        const responses = await Promise.all(
          Array.from({ length: s.copies }, () => target.post(key, s.amount)),
        );
        const fresh = responses.filter(
          (r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true',
        );
        effects += fresh.length;
        if (key === null) {
          expect(fresh).toHaveLength(s.copies);
          continue;
        }
        const known = model.get(key);
        for (const r of responses) {
          if (r.status === 201 && r.headers['idempotent-replayed'] === 'true') {
            seen.replay += 1;
            const original = known ?? model.get(key);
            expect(original).toBeDefined();
            expect(original!.amount).toBe(s.amount);
            expect(r.body).toEqual(original!.body);
          } else if (r.status === 201) {
            seen.fresh += 1;
            expect(known).toBeUndefined();
            expect(r.body.amount).toBe(s.amount);
            model.set(key, { amount: s.amount, body: r.body });
          } else if (r.status === 422) {
            seen.reused += 1;
            expect(r.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
            expect(known?.amount ?? model.get(key)?.amount).not.toBe(s.amount);
          } else {
            seen.inFlight += 1;
            expect(r.status).toBe(409);
            expect(r.body.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
            expect(s.copies).toBeGreaterThan(1);
          }
        }
        expect(fresh.length).toBeLessThanOrEqual(known ? 0 : 1);
      }
      expect((await target.ledgerRows()) - before).toBe(effects);
    }),
    { numRuns: 20, seed: 20261128 },
  );
  // The generated runs must have exercised every outcome, or the property proved little.
  expect(seen.fresh).toBeGreaterThan(0);
  expect(seen.replay).toBeGreaterThan(0);
  expect(seen.reused).toBeGreaterThan(0);
  expect(seen.inFlight).toBeGreaterThan(0);
}
