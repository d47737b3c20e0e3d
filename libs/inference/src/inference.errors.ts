// The engine's error codes and their HTTP statuses (libs/platform's mechanism, domain-error.ts).
// Registered when the lib is loaded: every caller of the engine imports it through index.ts.
import { HttpStatus } from '@nestjs/common';
import { registerErrorCodes } from '@suite/platform';

declare module '@suite/platform' {
  interface ErrorCodeStatuses {
    MODEL_NOT_FOUND: HttpStatus.NOT_FOUND;
    MODEL_NOT_READY: HttpStatus.SERVICE_UNAVAILABLE;
    INFERENCE_QUEUE_FULL: HttpStatus.SERVICE_UNAVAILABLE;
    INFERENCE_TIMEOUT: HttpStatus.GATEWAY_TIMEOUT;
    INFERENCE_FAILED: HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

export const INFERENCE_ERROR_CODES = registerErrorCodes({
  MODEL_NOT_FOUND: HttpStatus.NOT_FOUND,
  MODEL_NOT_READY: HttpStatus.SERVICE_UNAVAILABLE,
  INFERENCE_QUEUE_FULL: HttpStatus.SERVICE_UNAVAILABLE,
  INFERENCE_TIMEOUT: HttpStatus.GATEWAY_TIMEOUT,
  INFERENCE_FAILED: HttpStatus.INTERNAL_SERVER_ERROR,
});
