// Runs one command received over NATS with the HTTP stack's rules: the API key must be an active key of
// this service holding the operation's scopes (the ApiKeyGuard's rules), and the effect runs in one
// transaction, exactly once per idempotency key (libs/platform's IdempotencyService, the same table and
// request hash as HTTP, so a retry may even switch transports).
import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyService } from '../auth/api-key.service.js';
import type { Principal } from '../auth/auth.decorators.js';
import { SERVICE_NAME } from '../config/config.tokens.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { DomainError } from '../http/domain-error.js';
import { hashRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import type { NatsCommand, NatsReply } from './nats-command.js';

export interface NatsOperation {
  /** Scopes the key must hold (as @RequireScopes on the HTTP route). */
  scopes: string[];
  /** The HTTP route of the same operation, whose idempotency records a retry shares. */
  http: { method: string; route: string; body: unknown };
  successStatus?: number;
  /** As `@Idempotent({ narrow: true })`: the effect computes outside any transaction, writes in `run`. */
  narrow?: boolean;
}

@Injectable()
export class NatsCommandRunner {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly idempotency: IdempotencyService,
    private readonly tx: TransactionRunner,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async runCommand<T>(
    command: NatsCommand<unknown>,
    operation: NatsOperation,
    effect: (principal: Principal) => Promise<T>,
  ): Promise<NatsReply<T>> {
    const principal = await this.authorize(command.apiKey, operation.scopes);
    const status = operation.successStatus ?? 201;
    if (command.idempotencyKey === undefined) {
      const body = operation.narrow ? await effect(principal) : await this.tx.run(() => effect(principal));
      return { status, body };
    }
    const outcome = await this.idempotency.execute(
      {
        service: this.service,
        principal: principal.keyId,
        key: command.idempotencyKey,
        requestHash: hashRequest(operation.http.method, operation.http.route, operation.http.body),
      },
      status,
      () => effect(principal),
      { narrow: operation.narrow },
    );
    return { status: outcome.status, body: outcome.body as T, replayed: outcome.replayed };
  }

  private async authorize(apiKey: string, scopes: string[]): Promise<Principal> {
    const principal = await this.keys.authenticate(apiKey);
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'The API key is unknown or revoked');
    if (principal.service !== this.service) {
      throw new DomainError('FORBIDDEN', 'This API key belongs to another service');
    }
    const missing = principal.scopes.includes('*') ? [] : scopes.filter((s) => !principal.scopes.includes(s));
    if (missing.length > 0) throw new DomainError('FORBIDDEN', `Missing scope: ${missing.join(', ')}`);
    return principal;
  }
}
