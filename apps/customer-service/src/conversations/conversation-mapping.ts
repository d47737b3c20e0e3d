// Entities to response DTOs for conversations and their messages (allow-listed fields only), and the
// message entity a turn adds.
import type { AnsweredByDto, ConversationResponseDto, MessageDto } from './dto/conversation-response.dto.js';
import type { ConversationEntity } from './entities/conversation.entity.js';
import type { MessageEntity } from './entities/message.entity.js';

export function message(
  conversation: ConversationEntity,
  seq: number,
  author: MessageEntity['author'],
  text: string,
  at: Date,
  extra: Partial<
    Pick<MessageEntity, 'intent' | 'confidence' | 'answeredBy' | 'agentKeyId' | 'agentName'>
  > = {},
): MessageEntity {
  return {
    conversationId: conversation.id,
    seq,
    author,
    text,
    intent: extra.intent ?? null,
    confidence: extra.confidence ?? null,
    answeredBy: extra.answeredBy ?? null,
    agentKeyId: extra.agentKeyId ?? null,
    agentName: extra.agentName ?? null,
    createdAt: at,
  };
}

export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function replyBase(conversation: ConversationEntity, customerMessage: MessageEntity) {
  return {
    conversationId: conversation.id,
    status: conversation.status,
    stage: conversation.stage,
    customerMessage: toMessageDto(customerMessage),
  };
}

export function toMessageDto(m: MessageEntity): MessageDto {
  return {
    seq: m.seq,
    author: m.author,
    text: m.text,
    intent: m.intent,
    confidence: m.confidence,
    answeredBy: (m.answeredBy as AnsweredByDto | null) ?? null,
    // Only a person's message carries a name; the key id behind it stays internal.
    agentName: m.author === 'agent' ? (m.agentName ?? null) : null,
    createdAt: new Date(m.createdAt).toISOString(),
  };
}

export function toConversationDto(
  conversation: ConversationEntity,
  messages: MessageEntity[],
  handoff: ConversationResponseDto['handoff'],
): ConversationResponseDto {
  return {
    id: conversation.id,
    status: conversation.status,
    stage: conversation.stage,
    activeIntent: conversation.dialogueState.activeIntent,
    slots: conversation.dialogueState.slots,
    handoff,
    messages: messages.map(toMessageDto),
    messageCount: conversation.messageCount,
    createdAt: new Date(conversation.createdAt).toISOString(),
    updatedAt: new Date(conversation.updatedAt).toISOString(),
  };
}
