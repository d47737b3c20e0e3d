import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import { MoreThan } from 'typeorm';
import { ConversationEntity } from './entities/conversation.entity.js';
import { MessageEntity } from './entities/message.entity.js';

@Injectable()
export class ConversationRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insertConversation(conversation: ConversationEntity): Promise<void> {
    await this.tx.manager().insert(ConversationEntity, conversation);
  }

  /** The tenant's conversation; undefined `apiKeyId` (agents) reads any. */
  findConversation(id: string, apiKeyId?: string): Promise<ConversationEntity | null> {
    return this.tx.manager().findOneBy(ConversationEntity, apiKeyId ? { id, apiKeyId } : { id });
  }

  /** Locks the row until commit: turns of one conversation are handled one at a time. */
  findConversationForUpdate(id: string, apiKeyId?: string): Promise<ConversationEntity | null> {
    return this.tx.manager().findOne(ConversationEntity, {
      where: apiKeyId ? { id, apiKeyId } : { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async updateConversation(
    id: string,
    changes: Partial<Pick<ConversationEntity, 'status' | 'dialogueState' | 'messageCount'>>,
  ): Promise<void> {
    await this.tx.manager().update(ConversationEntity, { id }, { ...changes, updatedAt: new Date() });
  }

  async insertMessages(messages: MessageEntity[]): Promise<void> {
    await this.tx.manager().insert(MessageEntity, messages);
  }

  listMessagesAfter(conversationId: string, afterSeq: number, limit: number): Promise<MessageEntity[]> {
    return this.tx.manager().find(MessageEntity, {
      where: { conversationId, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  async lastMessages(conversationId: string, limit: number): Promise<MessageEntity[]> {
    const newestFirst = await this.tx.manager().find(MessageEntity, {
      where: { conversationId },
      order: { seq: 'DESC' },
      take: limit,
    });
    return newestFirst.reverse();
  }
}
