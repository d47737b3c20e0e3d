// Idempotency keys (as in Stripe's API and the IETF httpapi Idempotency-Key draft): the key is claimed
// in PostgreSQL in the same transaction as the effect, so a key has exactly one effect. A transaction-
// scoped advisory lock on the key makes a concurrent duplicate fail fast with 409 instead of waiting.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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
  status_code: number;
  response_body: unknown;
}

type Querier = { query(sql: string, parameters: unknown[]): Promise<unknown> };

@Injectable()
export class IdempotencyService {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Runs `effect` once per key; replays the stored response for a repeat with the same request.
   * 409 only while the first request is genuinely in flight: a retry first looks for the committed
   * answer without the lock (other retries hold it only briefly, but long enough that 8 of 10
   * parallel retries of a finished request were refused), and one that finds the lock taken looks
   * again, since the holder may be another retry of a finished request.
   */
  async execute(
    scope: IdempotencyScope,
    successStatus: number,
    effect: () => Promise<unknown>,
  ): Promise<IdempotentOutcome> {
    validateIdempotencyKey(scope.key);
    const keyHash = hashIdempotencyKey(scope.key);
    const finished = await this.replayOf(this.tx.manager(), scope, keyHash);
    if (finished) return finished;
    return this.tx.run(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [
        advisoryLockId(scope),
      ])) as { locked: boolean }[];
      // Each statement sees what committed before it (READ COMMITTED), and the first request's
      // transaction-scoped lock is released only after its commit is visible.
      const stored = await this.replayOf(manager, scope, keyHash);
      if (stored) return stored;
      if (!locked) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_IN_FLIGHT',
          'A request with this Idempotency-Key is in progress',
        );
      }
      const body = (await effect()) ?? null;
      await manager.query(
        `INSERT INTO platform.idempotency_keys (service, principal, key_hash, request_hash, status_code, response_body)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        [scope.service, scope.principal, keyHash, scope.requestHash, successStatus, JSON.stringify(body)],
      );
      return { status: successStatus, body, replayed: false };
    });
  }

  private async replayOf(
    db: Querier,
    scope: IdempotencyScope,
    keyHash: string,
  ): Promise<IdempotentOutcome | undefined> {
    const stored = (await db.query(
      `SELECT request_hash, status_code, response_body FROM platform.idempotency_keys
       WHERE service = $1 AND principal = $2 AND key_hash = $3`,
      [scope.service, scope.principal, keyHash],
    )) as StoredOutcome[];
    if (stored.length === 0) return undefined;
    if (stored[0].request_hash !== scope.requestHash) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different request',
      );
    }
    return { status: stored[0].status_code, body: stored[0].response_body, replayed: true };
  }
}
