import type { MessageEntity } from './entities/message.entity.js';
import { RecentTurnsCache } from './recent-turns.cache.js';

const message = (seq: number): MessageEntity => ({
  conversationId: 'c',
  seq,
  author: seq % 2 === 1 ? 'customer' : 'bot',
  text: `m${seq}`,
  intent: null,
  confidence: null,
  answeredBy: null,
  agentKeyId: null,
  agentName: null,
  createdAt: new Date(0),
});

describe('RecentTurnsCache', () => {
  it('serves turns only for the message count they were stored for', () => {
    const sut = new RecentTurnsCache();
    sut.rememberTurns('c', 2, [message(1), message(2)]);
    expect(sut.recentTurns('c', 2)?.map((m) => m.seq)).toEqual([1, 2]);
    // Another instance (or a rolled-back turn) moved the count on: a miss, the caller reloads.
    expect(sut.recentTurns('c', 4)).toBeUndefined();
  });

  it('appends to a current entry and drops a stale one', () => {
    const sut = new RecentTurnsCache();
    sut.rememberTurns('c', 2, [message(1), message(2)]);
    sut.appendTurns('c', 2, [message(3), message(4)]);
    expect(sut.recentTurns('c', 4)?.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    sut.appendTurns('c', 2, [message(5)]);
    expect(sut.recentTurns('c', 3)).toBeUndefined();
    expect(sut.recentTurns('c', 4)).toBeUndefined();
  });
});
