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
import { hashRequest, IdempotencyService, validateIdempotencyKey } from './idempotency.service.js';

export const IDEMPOTENT = 'platform:idempotent';

export interface IdempotentOptions {
  /**
   * The handler's effect is a single SQL statement (atomic on its own): without an `Idempotency-Key`
   * no request transaction is opened, which saves BEGIN/COMMIT round trips on hot paths (risk scoring:
   * about a fifth of its throughput). With a key it still commits together with the key's record.
   */
  singleStatement?: boolean;
  /**
   * The handler computes (inference, outbound calls) with no transaction open and puts its writes in
   * `TransactionRunner.run`: with an `Idempotency-Key` the key is claimed first (a duplicate gets 409
   * meanwhile), and the writes commit together with the stored response in one short transaction;
   * without a key each `run` is its own transaction. Writes outside `run` would autocommit: only for
   * handlers written so (state read before the compute is re-checked inside `run`).
   */
  narrow?: boolean;
  /** With `narrow`: how long a claimed key stays blocked if its request never finishes. */
  leaseMs?: number;
}

/**
 * Marks an effectful POST: it runs in one transaction (with `narrow`, only its writes do), and with an
 * `Idempotency-Key` header its effect happens once per key (replays return the stored status and body).
 */
export const Idempotent = (options: IdempotentOptions = {}): MethodDecorator =>
  SetMetadata(IDEMPOTENT, options);

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
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (context.getType() !== 'http' || !options) return next.handle();
    const req = context.switchToHttp().getRequest<FastifyLikeRequest>();
    const reply = context
      .switchToHttp()
      .getResponse<{ status(code: number): unknown; header(k: string, v: string): unknown }>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const key = req.headers['idempotency-key'];
    const run = () => lastValueFrom(next.handle(), { defaultValue: null });
    if (typeof key !== 'string' || !req.principal) {
      return options.singleStatement || options.narrow ? next.handle() : from(this.tx.run(run));
    }
    validateIdempotencyKey(key);
    const scope = {
      service: this.service,
      principal: req.principal.keyId,
      key,
      requestHash: hashRequest(req.method, req.routeOptions?.url ?? '', req.body),
    };
    const mode = { narrow: options.narrow, leaseMs: options.leaseMs };
    return from(this.idempotency.execute(scope, status, run, mode)).pipe(
      map((outcome) => {
        reply.status(outcome.status);
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
        return outcome.body;
      }),
    );
  }
}
