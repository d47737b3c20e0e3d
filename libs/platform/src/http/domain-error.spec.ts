import { HttpStatus } from '@nestjs/common';
import { type ErrorCode, httpStatusOf, registerErrorCodes } from './domain-error.js';

describe('error codes', () => {
  it("maps the platform's own codes to their statuses", () => {
    expect(httpStatusOf('VALIDATION_FAILED')).toBe(400);
    expect(httpStatusOf('IDEMPOTENCY_KEY_IN_FLIGHT')).toBe(409);
    expect(httpStatusOf('RATE_LIMITED')).toBe(429);
    expect(httpStatusOf('SERVICE_UNAVAILABLE')).toBe(503);
  });

  it("knows no code of the floors above until they register it (then 500 -> the floor's status)", () => {
    const code = 'PROBE_TEAPOT' as ErrorCode;
    expect(httpStatusOf(code)).toBe(500);
    registerErrorCodes({ PROBE_TEAPOT: HttpStatus.I_AM_A_TEAPOT } as never);
    expect(httpStatusOf(code)).toBe(418);
    // Registering again with the same status is harmless; with another, a programming error.
    expect(() => registerErrorCodes({ PROBE_TEAPOT: HttpStatus.I_AM_A_TEAPOT } as never)).not.toThrow();
    expect(() => registerErrorCodes({ PROBE_TEAPOT: HttpStatus.BAD_REQUEST } as never)).toThrow(
      /PROBE_TEAPOT/,
    );
    expect(() => registerErrorCodes({ CONFLICT: HttpStatus.BAD_REQUEST } as never)).toThrow(/CONFLICT/);
  });
});
