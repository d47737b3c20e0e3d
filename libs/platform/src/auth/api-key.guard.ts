import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../http/domain-error.js';
import { ApiKeyService, hashApiKey } from './api-key.service.js';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_SCOPES } from './auth.decorators.js';

export function apiKeyOf(req: Pick<AuthenticatedRequest, 'headers'>): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return undefined;
}

const KEY_HASH = Symbol('apiKeyHash');

/** The request's API key hashed with hashApiKey(), once per request: the rate limiter needs it too. */
export function apiKeyHashOf(req: Pick<AuthenticatedRequest, 'headers'>): string | undefined {
  const memo = req as { [KEY_HASH]?: string };
  if (memo[KEY_HASH] === undefined) {
    const key = apiKeyOf(req);
    if (key) memo[KEY_HASH] = hashApiKey(key);
  }
  return memo[KEY_HASH];
}

// Deny by default: a route is reachable only if it is @Public() or declares @RequireScopes(...), and
// then only with an active key of this service holding every required scope.
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyService) private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const keyHash = apiKeyHashOf(req);
    if (!keyHash) throw new DomainError('UNAUTHENTICATED', 'An API key is required (X-API-Key header)');
    const principal = await this.keys.authenticateHash(keyHash);
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'The API key is unknown or revoked');
    if (principal.service !== this.keys.service) {
      throw new DomainError('FORBIDDEN', `This API key belongs to another service`);
    }
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    if (!required) throw new DomainError('FORBIDDEN', 'This route has no access policy');
    // '*' grants every scope of the key's own service (development and operator keys).
    const missing = principal.scopes.includes('*')
      ? []
      : required.filter((s) => !principal.scopes.includes(s));
    if (missing.length > 0) throw new DomainError('FORBIDDEN', `Missing scope: ${missing.join(', ')}`);
    req.principal = principal;
    return true;
  }
}
