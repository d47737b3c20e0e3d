// Idempotency keys (as in Stripe's API and the IETF httpapi Idempotency-Key draft): the key's record is
// written in PostgreSQL in the same transaction as the effect, so a key has exactly one effect. Two ways
// to get there (IdempotencyService.execute):
// - wide (the default): the whole handler runs in one transaction; a transaction-scoped advisory lock on
//   the key makes a concurrent duplicate fail fast with 409 instead of waiting.
// - narrow: the key is first claimed by one autocommit INSERT ... ON CONFLICT that marks it in progress
//   under a lease (claim_token, lease_until), so a duplicate gets 409 while the handler computes with no
//   transaction and no connection held; the handler's writes and the stored response then commit in one
//   short transaction, which also checks that the claim is still this request's (a request that outlived
//   its lease and was taken over commits nothing). A failed request deletes its claim; a crashed one
//   blocks the key until its lease ends.
import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner.js';
import { DomainError } from '../http/domain-error.js';
import { shapeProblem } from '../http/json-shape.js';
import { validationFailed } from '../http/validation.pipe.js';

export interface IdempotentOutcome {
  status: number;
  body: unknown;
  replayed: boolean;
}

export interface IdempotencyScope {
  service: string;
  principal: string;
  key: string;
  requestHash: string;
}

// A UUID fits, as do "order-17:retry.2"-style keys; free text (names, spaces, quotes) does not.
const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function validateIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key: must be 1-128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-" (a UUID is best)',
    );
  }
}

/** Keys are stored as their SHA-256 only: a caller may have put anything in one. */
export function hashIdempotencyKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * sha256 over method, route and a canonical (key-sorted) JSON of the body. Runs before the validation
 * pipe (the interceptor wraps it), so it bounds depth and breadth itself: canonicalJson recurses.
 */
export function hashRequest(method: string, route: string, body: unknown): string {
  const shape = shapeProblem(body, 'body');
  if (shape) throw validationFailed([shape]);
  return createHash('sha256')
    .update(`${method} ${route}\n${canonicalJson(body)}`)
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function advisoryLockId(scope: IdempotencyScope): string {
  const digest = createHash('sha256').update(`${scope.service}\0${scope.principal}\0${scope.key}`).digest();
  return digest.readBigInt64BE(0).toString();
}

interface StoredOutcome {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
}

type Querier = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

export interface ExecuteOptions {
  /**
   * Claim the key, run `effect` with no transaction open (its writes go in `TransactionRunner.run`),
   * then commit the writes with the stored response. Without it `effect` runs in one transaction.
   */
  narrow?: boolean;
  /** How long a narrow claim blocks the key if its request never finishes (crash). */
  leaseMs?: number;
}

/** A narrow claim lives this long unless its request finishes first (ample for a large bundle). */
export const DEFAULT_CLAIM_LEASE_MS = 120_000;
const RELEASE_RETRY_MS = 1_000;

type Lookup = { done: IdempotentOutcome } | { inFlight: true } | undefined;

interface Claim {
  scope: IdempotencyScope;
  keyHash: string;
  token: string;
  /** After this (epoch ms) the lease has ended: releasing is moot. */
  leaseEnds: number;
}

class ClaimLost extends Error {}

const inFlight = () =>
  new DomainError('IDEMPOTENCY_KEY_IN_FLIGHT', 'A request with this Idempotency-Key is in progress');

@Injectable()
export class IdempotencyService implements OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyService.name);
  /** Claims whose release failed (database away): retried, so a retry after recovery is not a 409. */
  private readonly unreleased = new Map<string, Claim>();
  private releaseTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly tx: TransactionRunner) {}

  onApplicationShutdown(): void {
    this.closed = true;
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    this.unreleased.clear();
  }

  /**
   * Runs `effect` once per key; replays the stored response for a repeat with the same request.
   * 409 only while the first request is genuinely in flight: a retry first looks for the committed
   * answer without the lock (other retries hold it only briefly, but long enough that 8 of 10
   * parallel retries of a finished request were refused), and one that finds the lock taken looks
   * again, since the holder may be another retry of a finished request. With `narrow` the claim row
   * plays the lock's part (see the file header): same answers, no transaction while `effect` computes.
   */
  async execute(
    scope: IdempotencyScope,
    successStatus: number,
    effect: () => Promise<unknown>,
    options: ExecuteOptions = {},
  ): Promise<IdempotentOutcome> {
    validateIdempotencyKey(scope.key);
    const keyHash = hashIdempotencyKey(scope.key);
    const finished = await this.lookup(this.tx.manager(), scope, keyHash);
    if (finished && 'done' in finished) return finished.done;
    // Inside a caller's transaction a claim could not be seen by others before it commits: wide.
    if (options.narrow && !this.tx.inTransaction()) {
      const leaseMs = options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS;
      const claim = { scope, keyHash, token: randomUUID(), leaseEnds: Date.now() + leaseMs };
      return this.executeNarrow(claim, successStatus, effect, leaseMs);
    }
    if (finished) throw inFlight();
    return this.tx.run(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [
        advisoryLockId(scope),
      ])) as { locked: boolean }[];
      // Each statement sees what committed before it (READ COMMITTED), and the first request's
      // transaction-scoped lock is released only after its commit is visible.
      const stored = await this.lookup(manager, scope, keyHash);
      if (stored && 'done' in stored) return stored.done;
      if (!locked || stored) throw inFlight();
      const body = (await effect()) ?? null;
      // DO NOTHING: a narrow request of the same key (another route) may hold a claim row.
      const inserted = (await manager.query(
        `INSERT INTO platform.idempotency_keys (service, principal, key_hash, request_hash, status_code, response_body)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
        [scope.service, scope.principal, keyHash, scope.requestHash, successStatus, JSON.stringify(body)],
      )) as unknown[];
      if (inserted.length === 0) throw inFlight();
      return { status: successStatus, body, replayed: false };
    });
  }

  private async executeNarrow(
    claim: Claim,
    successStatus: number,
    effect: () => Promise<unknown>,
    leaseMs: number,
  ): Promise<IdempotentOutcome> {
    const { scope, keyHash } = claim;
    const previous = this.unreleased.get(claimId(claim));
    if (previous) await this.release(previous);
    if (!(await this.claim(claim, leaseMs))) {
      const stored = await this.lookup(this.tx.manager(), scope, keyHash);
      if (stored && 'done' in stored) return stored.done;
      throw inFlight();
    }
    try {
      const body = await this.tx.unitOfWork(
        async () => (await effect()) ?? null,
        async (manager, result) => {
          // Only while the claim is still this request's: after a takeover the effect rolls back.
          const [{ n }] = (await manager.query(
            `WITH done AS (
               UPDATE platform.idempotency_keys
               SET status_code = $5, response_body = $6::jsonb, claim_token = NULL, lease_until = NULL
               WHERE service = $1 AND principal = $2 AND key_hash = $3 AND claim_token = $4
                 AND status_code IS NULL
               RETURNING 1)
             SELECT count(*)::int AS n FROM done`,
            [scope.service, scope.principal, keyHash, claim.token, successStatus, JSON.stringify(result)],
          )) as { n: number }[];
          if (n !== 1) throw new ClaimLost();
        },
        { eager: false },
      );
      return { status: successStatus, body, replayed: false };
    } catch (err) {
      if (err instanceof ClaimLost) {
        const stored = await this.lookup(this.tx.manager(), scope, keyHash);
        if (stored && 'done' in stored) return stored.done;
        throw inFlight();
      }
      await this.release(claim).catch(() => undefined);
      throw err;
    }
  }

  /** Marks the key in progress for this request; false when it is done or another request holds it. */
  private async claim(claim: Claim, leaseMs: number): Promise<boolean> {
    const { scope, keyHash, token } = claim;
    try {
      const rows = (await this.tx.manager().query(
        `INSERT INTO platform.idempotency_keys AS k
           (service, principal, key_hash, request_hash, status_code, response_body, claim_token, lease_until)
         VALUES ($1, $2, $3, $4, NULL, NULL, $5, now() + $6 * interval '1 millisecond')
         ON CONFLICT (service, principal, key_hash) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, claim_token = EXCLUDED.claim_token,
               lease_until = EXCLUDED.lease_until, created_at = now()
           WHERE k.status_code IS NULL AND k.lease_until < now()
         RETURNING 1`,
        [scope.service, scope.principal, keyHash, scope.requestHash, token, leaseMs],
      )) as unknown[];
      return rows.length === 1;
    } catch (err) {
      // The INSERT may have committed before the connection dropped: release it once reachable.
      this.remember(claim);
      throw err;
    }
  }

  /** Frees the key of a request that failed (only its own claim, never a successor's or a result). */
  private async release(claim: Claim): Promise<void> {
    try {
      await this.tx.execute(
        `DELETE FROM platform.idempotency_keys
         WHERE service = $1 AND principal = $2 AND key_hash = $3 AND claim_token = $4 AND status_code IS NULL`,
        [claim.scope.service, claim.scope.principal, claim.keyHash, claim.token],
      );
      this.unreleased.delete(claimId(claim));
    } catch (err) {
      this.remember(claim);
      throw err;
    }
  }

  private remember(claim: Claim): void {
    if (this.closed || claim.leaseEnds <= Date.now()) {
      this.unreleased.delete(claimId(claim));
      return;
    }
    this.unreleased.set(claimId(claim), claim);
    this.releaseTimer ??= setTimeout(() => {
      this.releaseTimer = undefined;
      const pending = [...this.unreleased.values()];
      void Promise.allSettled(pending.map((c) => this.release(c))).then((results) => {
        const failed = results.filter((r) => r.status === 'rejected').length;
        if (failed > 0) this.logger.warn({ event: 'idempotency.release_retry', pending: failed });
      });
    }, RELEASE_RETRY_MS).unref();
  }

  private async lookup(db: Querier, scope: IdempotencyScope, keyHash: string): Promise<Lookup> {
    const stored = (await db.query(
      `SELECT request_hash, status_code, response_body FROM platform.idempotency_keys
       WHERE service = $1 AND principal = $2 AND key_hash = $3`,
      [scope.service, scope.principal, keyHash],
    )) as StoredOutcome[];
    if (stored.length === 0) return undefined;
    const [row] = stored;
    // In progress (a narrow claim): whatever its request, it is not finished yet.
    if (row.status_code === null) return { inFlight: true };
    if (row.request_hash !== scope.requestHash) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different request',
      );
    }
    return { done: { status: row.status_code, body: row.response_body, replayed: true } };
  }
}

function claimId(claim: Claim): string {
  return `${claim.scope.service}\0${claim.scope.principal}\0${claim.keyHash}`;
}
