import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DialogueState } from '../../dialogue/dialogue-state.js';
import type { BotStage } from '../../support-options.js';

export type ConversationStatus = 'bot' | 'waiting_for_agent' | 'with_agent';

@Entity({ schema: 'support', name: 'conversations' })
export class ConversationEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** The API key that opened it: its tenant. Other keys get 404. */
  @Column({ name: 'api_key_id', type: 'uuid' })
  apiKeyId: string;

  @Column('text')
  status: ConversationStatus;

  /** BOT_STAGE when the conversation started; it keeps that behaviour to the end. */
  @Column('smallint')
  stage: BotStage;

  @Column({ name: 'dialogue_state', type: 'jsonb' })
  dialogueState: DialogueState;

  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
