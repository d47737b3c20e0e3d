import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { SERVICE_NAME } from '../config/config.tokens.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { hashRequest, IdempotencyService } from './idempotency.service.js';

export const IDEMPOTENT = 'platform:idempotent';

/**
 * Marks an effectful POST: it runs in one transaction, and with an `Idempotency-Key` header its
 * effect happens once per key (replays return the stored status and body).
 */
export const Idempotent = (): MethodDecorator => SetMetadata(IDEMPOTENT, true);

interface FastifyLikeRequest extends AuthenticatedRequest {
  method: string;
  body?: unknown;
  routeOptions?: { url?: string };
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
    private readonly tx: TransactionRunner,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) {
      return next.handle();
    }
    const req = context.switchToHttp().getRequest<FastifyLikeRequest>();
    const reply = context
      .switchToHttp()
      .getResponse<{ status(code: number): unknown; header(k: string, v: string): unknown }>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const key = req.headers['idempotency-key'];
    const run = () => lastValueFrom(next.handle(), { defaultValue: null });
    if (typeof key !== 'string' || !req.principal) {
      return from(this.tx.run(run));
    }
    const scope = {
      service: this.service,
      principal: req.principal.keyId,
      key,
      requestHash: hashRequest(req.method, req.routeOptions?.url ?? '', req.body),
    };
    return from(this.idempotency.execute(scope, status, run)).pipe(
      map((outcome) => {
        reply.status(outcome.status);
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
        return outcome.body;
      }),
    );
  }
}
