import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SLOT_NAMES, type SlotName } from '../../dialogue/slots.js';
import type { MessageAuthor } from '../entities/message.entity.js';
import type { ConversationStatus } from '../entities/conversation.entity.js';

export const CONVERSATION_STATUSES: ConversationStatus[] = ['bot', 'waiting_for_agent', 'with_agent'];
// What produced a message: an answer by a rule, the model, the conversation's context (carry-over),
// a resolved clarification or filled slot; or a question, a handoff notice, a person; or the
// attachment reader (stage 3: what a receipt image shows); or, while waiting for a person, the
// acknowledgement with the customer's place in the queue.
export const ANSWERED_BY = [
  'rule',
  'model',
  'context',
  'clarification',
  'slot-filling',
  'clarifying-question',
  'slot-prompt',
  'handoff',
  'agent',
  'attachment',
  'queue',
] as const;
export type AnsweredByDto = (typeof ANSWERED_BY)[number];

export class SlotValuesDto {
  @ApiPropertyOptional({ example: 'virtual' }) cardType?: string;
  @ApiPropertyOptional({ example: '£25.40' }) amount?: string;
  @ApiPropertyOptional({ example: '2025-11-27', description: 'ISO date' }) date?: string;
  @ApiPropertyOptional({ example: 'Tesco' }) merchant?: string;
  @ApiPropertyOptional({ example: 'TX-482913' }) transactionId?: string;
}

export class MessageDto {
  @ApiProperty({ example: 2, description: '1, 2, 3… within the conversation' }) seq: number;
  @ApiProperty({ enum: ['customer', 'bot', 'agent'] }) author: MessageAuthor;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String }) intent: string | null;
  @ApiProperty({ nullable: true, type: Number }) confidence: number | null;
  @ApiProperty({ nullable: true, enum: ANSWERED_BY }) answeredBy: AnsweredByDto | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Sam',
    description: 'Agent messages: the name the agent replied under, if any; null otherwise',
  })
  agentName: string | null;
  @ApiProperty({ example: '2025-11-28T10:00:00.000Z' }) createdAt: string;
}

export class ClarificationOptionDto {
  @ApiProperty({ example: 'card_arrival' }) intent: string;
  @ApiProperty({ example: 'a card that has not arrived' }) title: string;
}

export class ClarificationDto {
  @ApiProperty({ type: [ClarificationOptionDto] }) options: ClarificationOptionDto[];
}

export class HandoffSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['waiting', 'claimed', 'closed'] }) status: string;
  @ApiProperty({ enum: ['requested', 'low-confidence'] }) reason: string;
}

export class QueuePlaceDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 2,
    description: '1 = next; null once a person has it',
  })
  position: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 240,
    description: 'Median wait of handoffs claimed in the last day (last 20); null when none',
  })
  expectedWaitSeconds: number | null;
}

export class BotReplyDto {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ enum: CONVERSATION_STATUSES }) status: ConversationStatus;
  @ApiProperty({ enum: [1, 2, 3], description: 'BOT_STAGE of the conversation' }) stage: number;
  @ApiProperty({ type: MessageDto }) customerMessage: MessageDto;
  @ApiProperty({
    type: MessageDto,
    nullable: true,
    description:
      'While waiting for a person: the safety answer for urgent matters, else an acknowledgement with the queue place; null only once a person is answering (urgent matters are still answered)',
  })
  reply: MessageDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Intent the reply is about' }) intent:
    string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Calibrated model confidence (1 for rules)' })
  confidence: number | null;
  @ApiProperty({ nullable: true, enum: ANSWERED_BY, description: 'Which part of the bot answered' })
  answeredBy: AnsweredByDto | null;
  @ApiProperty({ description: 'The conversation is (now) with the human queue' }) handoff: boolean;
  @ApiProperty({ enum: ['template', 'llm'], nullable: true, description: 'Who wrote the answer text' })
  draftedBy: 'template' | 'llm' | null;
  @ApiProperty({ type: ClarificationDto, nullable: true }) clarification: ClarificationDto | null;
  @ApiProperty({ nullable: true, enum: SLOT_NAMES, description: 'The slot the bot asked for' })
  awaitingSlot: SlotName | null;
  @ApiProperty({ type: SlotValuesDto }) slots: SlotValuesDto;
  @ApiProperty({
    type: QueuePlaceDto,
    nullable: true,
    description: 'Set while the conversation is with the human queue',
  })
  queue: QueuePlaceDto | null;
}

export class ConversationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONVERSATION_STATUSES }) status: ConversationStatus;
  @ApiProperty({ enum: [1, 2, 3] }) stage: number;
  @ApiProperty({ nullable: true, type: String }) activeIntent: string | null;
  @ApiProperty({ type: SlotValuesDto }) slots: SlotValuesDto;
  @ApiProperty({ type: HandoffSummaryDto, nullable: true }) handoff: HandoffSummaryDto | null;
  @ApiProperty({ type: [MessageDto], maxItems: 50, description: 'The last 50 messages, oldest first' })
  messages: MessageDto[];
  @ApiProperty() messageCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class MessageListResponseDto {
  @ApiProperty({ type: [MessageDto] }) items: MessageDto[];
}
