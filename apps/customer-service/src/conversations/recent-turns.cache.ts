// The last turns of active conversations, in libs/inference's L1 LRU cache: the LLM prompt and the
// conversation view read them without a query. PostgreSQL stays the truth: an entry is used only when
// it was written for the conversation's current message count, so a rolled-back turn or a turn taken
// by another instance just means a reload.
import { Injectable } from '@nestjs/common';
import { LruCache } from '@suite/inference';
import type { MessageEntity } from './entities/message.entity.js';

export const RECENT_TURNS = 50;

interface CachedTurns {
  messageCount: number;
  messages: MessageEntity[];
}

@Injectable()
export class RecentTurnsCache {
  private readonly cache = new LruCache<string, CachedTurns>({
    maxEntries: 10_000,
    maxBytes: 64 * 1024 * 1024,
    ttlMs: 30 * 60_000,
    sizeOf: (v) => v.messages.reduce((n, m) => n + 2 * m.text.length + 200, 0),
  });

  /** The cached turns, if they are those of `messageCount` messages. */
  recentTurns(conversationId: string, messageCount: number): MessageEntity[] | undefined {
    const entry = this.cache.get(conversationId);
    return entry?.messageCount === messageCount ? entry.messages : undefined;
  }

  rememberTurns(conversationId: string, messageCount: number, messages: readonly MessageEntity[]): void {
    this.cache.set(conversationId, { messageCount, messages: messages.slice(-RECENT_TURNS) });
  }

  /** Adds new messages to a current entry (or drops a stale one). */
  appendTurns(conversationId: string, previousCount: number, added: readonly MessageEntity[]): void {
    const current = this.recentTurns(conversationId, previousCount);
    if (current) this.rememberTurns(conversationId, previousCount + added.length, [...current, ...added]);
    else this.cache.delete(conversationId);
  }
}
