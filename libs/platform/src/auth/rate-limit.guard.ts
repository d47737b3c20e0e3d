// Per-key rate limiting (per client address for anonymous calls), fixed one-minute windows.
// Written here rather than taken from @nestjs/throttler: throttler 6.x is CommonJS and require()s the
// ESM-only Nest 12 packages, which jest cannot load on Node 20 (require(esm) in jest needs Node >= 24.9),
// so the tests could not run the stack production runs.
import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { AppConfig } from '../config/env.schema.js';
import { DomainError } from '../http/domain-error.js';
import { apiKeyHashOf } from './api-key.guard.js';

export const SKIP_RATE_LIMIT = 'platform:skipRateLimit';
export const SkipRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_RATE_LIMIT, true);

const WINDOW_MS = 60_000;

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (
      this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, [context.getHandler(), context.getClass()])
    ) {
      return true;
    }
    const req = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; ip?: string }>();
    const keyHash = apiKeyHashOf(req);
    const tracker = keyHash ? `key:${keyHash.slice(0, 24)}` : `ip:${req.ip ?? 'unknown'}`;
    const now = Date.now();
    let window = this.windows.get(tracker);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 50_000) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(tracker, window);
    }
    window.count += 1;
    if (window.count > this.config.RATE_LIMIT_PER_MINUTE) {
      throw new DomainError('RATE_LIMITED', 'Too many requests for this API key', {
        retryAfterSeconds: (window.start + WINDOW_MS - now) / 1000,
      });
    }
    return true;
  }

  private evictExpired(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(k);
  }
}
