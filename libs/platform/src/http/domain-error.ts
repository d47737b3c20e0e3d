// Domain errors carry a stable code; one exhaustive switch maps codes to HTTP statuses.
import { HttpStatus } from '@nestjs/common';

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FEATURE_DISABLED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNSUPPORTED_IMAGE_TYPE'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_CORRUPT'
  | 'RATE_LIMITED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_FLIGHT'
  | 'IDEMPOTENCY_KEY_INVALID'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_NOT_READY'
  | 'INFERENCE_QUEUE_FULL'
  | 'INFERENCE_TIMEOUT'
  | 'INFERENCE_FAILED'
  | 'INVALID_INPUT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

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
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'IDEMPOTENCY_KEY_INVALID':
    case 'INVALID_INPUT':
      return HttpStatus.BAD_REQUEST;
    case 'UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'NOT_FOUND':
    case 'MODEL_NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    // FEATURE_DISABLED: a feature this deployment has switched off; the request is fine, the state is not.
    case 'CONFLICT':
    case 'IDEMPOTENCY_KEY_IN_FLIGHT':
    case 'FEATURE_DISABLED':
      return HttpStatus.CONFLICT;
    case 'PAYLOAD_TOO_LARGE':
    case 'IMAGE_TOO_LARGE':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'UNSUPPORTED_IMAGE_TYPE':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'IMAGE_CORRUPT':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'IDEMPOTENCY_KEY_REUSED':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'RATE_LIMITED':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'MODEL_NOT_READY':
    case 'INFERENCE_QUEUE_FULL':
    case 'SERVICE_UNAVAILABLE':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'INFERENCE_TIMEOUT':
      return HttpStatus.GATEWAY_TIMEOUT;
    case 'INFERENCE_FAILED':
    case 'INTERNAL':
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
