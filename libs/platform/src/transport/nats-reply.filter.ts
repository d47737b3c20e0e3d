// Errors of a NATS command become a reply with the HTTP status and error body they would have had over
// HTTP (one mapping: describeError), not a transport error: the caller always gets an answer it can act
// on. Unexpected errors are logged by name and stack frames only, as over HTTP.
import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, of } from 'rxjs';
import { describeError, logUnexpected } from '../http/all-exceptions.filter.js';
import { DomainError } from '../http/domain-error.js';
import type { NatsReply } from './nats-command.js';

@Catch()
export class NatsReplyFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('NatsErrors');

  catch(exception: unknown, _host: ArgumentsHost): Observable<NatsReply> {
    const correlationId = randomUUID();
    const { status, body } = describeError(exception, correlationId);
    if (status >= 500 && !(exception instanceof DomainError))
      logUnexpected(this.logger, exception, correlationId);
    return of({ status, body });
  }
}
