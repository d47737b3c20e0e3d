// While PostgreSQL is unreachable or restarting, a request fails at BEGIN, mid-transaction or at
// COMMIT. Every service answers that with 503 + Retry-After rather than 500: the caller retries with the
// same Idempotency-Key, which applies the effect once whether or not the lost COMMIT landed
// (apps/medical-records/test/postgres-restart.e2e-spec.ts).

// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now), 53300.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);
// node-postgres' own messages when a socket closes or the pool cannot connect (fixed texts, no values).
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|Client was closed and is not queryable|timeout exceeded when trying to connect|Client has encountered a connection error)/;

// TypeORM's errors for a query (e.g. COMMIT) on a transaction whose connection died and was released.
const UNAVAILABLE_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionIsNotSetError',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth += 1) {
    const { name, code, message, driverError, cause } = e as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)))
      return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}
