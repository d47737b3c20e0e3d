import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MessageAuthor = 'customer' | 'bot' | 'agent';

@Entity({ schema: 'support', name: 'messages' })
export class MessageEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  /** 1, 2, 3… within the conversation. */
  @PrimaryColumn('integer')
  seq: number;

  @Column('text')
  author: MessageAuthor;

  @Column('text')
  text: string;

  @Column({ type: 'text', nullable: true })
  intent: string | null;

  @Column({ type: 'real', nullable: true })
  confidence: number | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'agent_key_id', type: 'uuid', nullable: true })
  agentKeyId: string | null;

  /** The display name the agent gave with the reply; null for the bot, the customer, or no name. */
  @Column({ name: 'agent_name', type: 'text', nullable: true })
  agentName: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
