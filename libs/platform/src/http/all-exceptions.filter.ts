import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type ErrorCode, type FieldErrors, httpStatusOf } from './domain-error.js';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  correlationId: string;
  fields?: FieldErrors[];
}

function codeOfStatus(status: number): ErrorCode {
  if (status === 400) return 'VALIDATION_FAILED';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return status < 500 ? 'INVALID_INPUT' : 'INTERNAL';
}

/** Maps anything thrown to `{ status, body, headers }`; shared by the Nest filter and Fastify's handler. */
export function describeError(
  error: unknown,
  correlationId: string,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error.details?.retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(error.details.retryAfterSeconds)));
    }
    return {
      status: httpStatusOf(error.code),
      headers,
      body: { code: error.code, message: error.message, correlationId, fields: error.details?.fields },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    // Nest's router says "Cannot GET <path and query>": the caller's own text, not echoed.
    const message =
      status === 404
        ? 'No route matches this method and path'
        : typeof response === 'object' && response !== null && 'message' in response
          ? [response.message].flat().join('; ')
          : error.message;
    return { status, headers: {}, body: { code: codeOfStatus(status), message, correlationId } };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      headers: { 'retry-after': '1' },
      body: {
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database is unavailable; retry with the same Idempotency-Key',
        correlationId,
      },
    };
  }
  // Fastify's own errors (body too large, bad JSON, bad content type) carry a statusCode.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = codeOfStatus(statusCode);
    const message =
      code === 'PAYLOAD_TOO_LARGE'
        ? 'Request body is larger than the limit'
        : code === 'UNSUPPORTED_MEDIA_TYPE'
          ? 'Unsupported content type'
          : 'body: the request body is not valid JSON';
    return { status: statusCode, headers: {}, body: { code, message, correlationId } };
  }
  return {
    status: 500,
    headers: {},
    body: { code: 'INTERNAL', message: 'Internal error', correlationId },
  };
}

// Logs codes and error names only: messages of unexpected errors can carry request values (PHI).
export function logUnexpected(logger: Logger, error: unknown, correlationId: string): void {
  const name = error instanceof Error ? error.name : typeof error;
  const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  logger.error({ correlationId, errorName: name, code: (error as { code?: unknown })?.code, stack });
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<{ id: string }>();
    const reply = http.getResponse<{
      status(code: number): unknown;
      header(name: string, value: string): unknown;
      send(body: unknown): unknown;
    }>();
    const { status, body, headers } = describeError(exception, req.id);
    if (status >= 500 && !(exception instanceof DomainError)) logUnexpected(this.logger, exception, req.id);
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.status(status);
    reply.send(body);
  }
}
