import { Column, Entity, PrimaryColumn } from 'typeorm';

export type HandoffStatus = 'waiting' | 'claimed' | 'closed';
export type HandoffReason = 'requested' | 'low-confidence';

@Entity({ schema: 'support', name: 'handoffs' })
export class HandoffEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @Column('text')
  status: HandoffStatus;

  @Column('text')
  reason: HandoffReason;

  /** What the bot understood, if anything (helps the agent start). */
  @Column({ type: 'text', nullable: true })
  intent: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
