// Domain errors carry a stable code; each code maps to one HTTP status. The platform owns the generic
// codes; a floor above adds its own (libs/inference's engine codes, an app's) in two steps: it merges
// them into `ErrorCodeStatuses` (`declare module '@suite/platform'`, so `new DomainError(code)` is
// type-checked) and registers their statuses at its bootstrap (`registerErrorCodes`). An unregistered
// code answers 500.
import { HttpStatus } from '@nestjs/common';

/** Code -> HTTP status; open to declaration merging by the floors above. */
export interface ErrorCodeStatuses {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST;
  IDEMPOTENCY_KEY_INVALID: HttpStatus.BAD_REQUEST;
  INVALID_INPUT: HttpStatus.BAD_REQUEST;
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED;
  FORBIDDEN: HttpStatus.FORBIDDEN;
  NOT_FOUND: HttpStatus.NOT_FOUND;
  CONFLICT: HttpStatus.CONFLICT;
  IDEMPOTENCY_KEY_IN_FLIGHT: HttpStatus.CONFLICT;
  // A feature this deployment has switched off; the request is fine, the state is not.
  FEATURE_DISABLED: HttpStatus.CONFLICT;
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE;
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY;
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS;
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE;
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR;
}

export type ErrorCode = keyof ErrorCodeStatuses & string;

const PLATFORM_ERROR_CODES = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  IDEMPOTENCY_KEY_INVALID: HttpStatus.BAD_REQUEST,
  INVALID_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  IDEMPOTENCY_KEY_IN_FLIGHT: HttpStatus.CONFLICT,
  FEATURE_DISABLED: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
} as const satisfies { [K in keyof ErrorCodeStatuses]?: ErrorCodeStatuses[K] };

const statuses = new Map<string, number>(Object.entries(PLATFORM_ERROR_CODES));

/**
 * Registers a floor's codes and their statuses (idempotent; a code registered twice with two statuses
 * is a programming error and throws). Returns its argument, the floor's code table.
 */
export function registerErrorCodes<const T extends { [K in ErrorCode]?: ErrorCodeStatuses[K] }>(codes: T): T {
  for (const [code, status] of Object.entries(codes) as [string, number][]) {
    const known = statuses.get(code);
    if (known !== undefined && known !== status)
      throw new Error(`error code ${code} is registered with status ${known}, not ${status}`);
    statuses.set(code, status);
  }
  return codes;
}

/** One offending input field and what is wrong with it (validation errors list these). */
export interface FieldErrors {
  field: string;
  messages: string[];
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { retryAfterSeconds?: number; fields?: FieldErrors[] },
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return statuses.get(code) ?? HttpStatus.INTERNAL_SERVER_ERROR;
}
