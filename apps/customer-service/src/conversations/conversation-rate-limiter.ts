// Per-conversation message limit (SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE), on top of the platform's
// per-key limit: one busy widget key serves many customers, and one customer should not flood the bot
// or the agents. Fixed one-minute windows, in memory (per instance).
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import { SUPPORT_OPTIONS, type SupportOptions } from '../support-options.js';

const WINDOW_MS = 60_000;

@Injectable()
export class ConversationRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(@Inject(SUPPORT_OPTIONS) private readonly options: SupportOptions) {}

  admitMessage(conversationKey: string, now = Date.now()): void {
    let window = this.windows.get(conversationKey);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 100_000) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(conversationKey, window);
    }
    window.count += 1;
    if (window.count > this.options.conversationMessagesPerMinute)
      throw new DomainError('RATE_LIMITED', 'Too many messages in this conversation; wait a moment', {
        retryAfterSeconds: (window.start + WINDOW_MS - now) / 1000,
      });
  }

  private evictExpired(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(k);
  }
}
