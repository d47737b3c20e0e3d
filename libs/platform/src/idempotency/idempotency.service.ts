// Idempotency keys (as in Stripe's API and the IETF httpapi Idempotency-Key draft): the key is claimed
// in PostgreSQL in the same transaction as the effect, so a key has exactly one effect. A transaction-
// scoped advisory lock on the key makes a concurrent duplicate fail fast with 409 instead of waiting.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner.js';
import { DomainError } from '../http/domain-error.js';

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

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function validateIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key: must be 1-255 printable ASCII characters without spaces',
    );
  }
}

/** sha256 over method, route and a canonical (key-sorted) JSON of the body. */
export function hashRequest(method: string, route: string, body: unknown): string {
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

@Injectable()
export class IdempotencyService {
  constructor(private readonly tx: TransactionRunner) {}

  /** Runs `effect` once per key; replays the stored response for a repeat with the same request. */
  async execute(
    scope: IdempotencyScope,
    successStatus: number,
    effect: () => Promise<unknown>,
  ): Promise<IdempotentOutcome> {
    validateIdempotencyKey(scope.key);
    return this.tx.run(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [
        advisoryLockId(scope),
      ])) as { locked: boolean }[];
      if (!locked) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_IN_FLIGHT',
          'A request with this Idempotency-Key is in progress',
        );
      }
      const stored = (await manager.query(
        `SELECT request_hash, status_code, response_body FROM platform.idempotency_keys
         WHERE service = $1 AND principal = $2 AND key = $3`,
        [scope.service, scope.principal, scope.key],
      )) as { request_hash: string; status_code: number; response_body: unknown }[];
      if (stored.length > 0) {
        if (stored[0].request_hash !== scope.requestHash) {
          throw new DomainError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was used with a different request',
          );
        }
        return { status: stored[0].status_code, body: stored[0].response_body, replayed: true };
      }
      const body = (await effect()) ?? null;
      await manager.query(
        `INSERT INTO platform.idempotency_keys (service, principal, key, request_hash, status_code, response_body)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        [scope.service, scope.principal, scope.key, scope.requestHash, successStatus, JSON.stringify(body)],
      );
      return { status: successStatus, body, replayed: false };
    });
  }
}
