import { DomainError } from '@suite/platform';
import type { SupportOptions } from '../support-options.js';
import { ConversationRateLimiter } from './conversation-rate-limiter.js';

describe('ConversationRateLimiter', () => {
  const sut = () => new ConversationRateLimiter({ conversationMessagesPerMinute: 2 } as SupportOptions);

  it('refuses the message above the limit with RATE_LIMITED and a retry time, per conversation', () => {
    const limiter = sut();
    limiter.admitMessage('k:a', 0);
    limiter.admitMessage('k:a', 1000);
    let refused: unknown;
    try {
      limiter.admitMessage('k:a', 15_000);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('RATE_LIMITED');
    expect((refused as DomainError).details?.retryAfterSeconds).toBe(45);
    expect(() => limiter.admitMessage('k:b', 15_000)).not.toThrow();
  });

  it('opens a new window after a minute', () => {
    const limiter = sut();
    limiter.admitMessage('k:a', 0);
    limiter.admitMessage('k:a', 1);
    expect(() => limiter.admitMessage('k:a', 60_000)).not.toThrow();
  });
});
