// customer-service's own error codes (receipt images) and their HTTP statuses, registered at the app's
// bootstrap (app.module.ts) with libs/platform's mechanism (domain-error.ts).
import { HttpStatus } from '@nestjs/common';
import { registerErrorCodes } from '@suite/platform';

declare module '@suite/platform' {
  interface ErrorCodeStatuses {
    UNSUPPORTED_IMAGE_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    IMAGE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE;
    IMAGE_CORRUPT: HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

export const SUPPORT_ERROR_CODES = registerErrorCodes({
  UNSUPPORTED_IMAGE_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  IMAGE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  IMAGE_CORRUPT: HttpStatus.UNPROCESSABLE_ENTITY,
});
