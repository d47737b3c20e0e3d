// The queue of conversations waiting for a person, and its state machine:
// waiting -> claimed (by one agent key) -> closed; a closed handoff gives the conversation back to the bot.
import { Injectable } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import type { HandoffEntity, HandoffReason, HandoffStatus } from './entities/handoff.entity.js';
import { HandoffRepository } from './handoff.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class HandoffsService {
  constructor(private readonly handoffs: HandoffRepository) {}

  requestHandoff(
    conversationId: string,
    reason: HandoffReason,
    intent: string | null,
  ): Promise<HandoffEntity> {
    return this.handoffs.openHandoff(conversationId, reason, intent);
  }

  listHandoffs(statuses: HandoffStatus[], limit: number): Promise<HandoffEntity[]> {
    return this.handoffs.listHandoffs(statuses, limit);
  }

  /** The conversation's place in the queue and the wait recent handoffs had (last day, last 20). */
  async queuePlaceOf(
    conversationId: string,
    now: Date,
  ): Promise<{ position: number | null; expectedWaitSeconds: number | null }> {
    const position = await this.handoffs.queuePositionOf(conversationId);
    const wait = await this.handoffs.recentWaitSeconds(new Date(now.getTime() - DAY_MS), 20);
    return { position, expectedWaitSeconds: wait === null ? null : Math.round(wait) };
  }

  openHandoffOf(conversationId: string): Promise<HandoffEntity | null> {
    return this.handoffs.findOpenHandoffOf(conversationId);
  }

  async getHandoff(id: string): Promise<HandoffEntity> {
    const handoff = await this.handoffs.findHandoff(id);
    if (!handoff) throw new DomainError('NOT_FOUND', 'Handoff not found');
    return handoff;
  }

  async claimHandoff(id: string, agentKeyId: string): Promise<HandoffEntity> {
    const handoff = await this.lockedHandoff(id);
    if (handoff.status === 'claimed' && handoff.claimedBy === agentKeyId) return handoff;
    if (handoff.status !== 'waiting')
      throw new DomainError(
        'CONFLICT',
        handoff.status === 'claimed' ? 'Another agent has claimed this handoff' : 'This handoff is closed',
      );
    handoff.status = 'claimed';
    handoff.claimedBy = agentKeyId;
    handoff.claimedAt = new Date();
    await this.handoffs.saveHandoff(handoff);
    return handoff;
  }

  /** The handoff, if `agentKeyId` holds it; replies and closing need the claim. */
  async assertClaimedBy(id: string, agentKeyId: string): Promise<HandoffEntity> {
    const handoff = await this.lockedHandoff(id);
    if (handoff.status === 'closed') throw new DomainError('CONFLICT', 'This handoff is closed');
    if (handoff.status !== 'claimed') throw new DomainError('CONFLICT', 'Claim the handoff before answering');
    if (handoff.claimedBy !== agentKeyId)
      throw new DomainError('CONFLICT', 'Another agent has claimed this handoff');
    return handoff;
  }

  async closeHandoff(handoff: HandoffEntity): Promise<HandoffEntity> {
    handoff.status = 'closed';
    handoff.closedAt = new Date();
    await this.handoffs.saveHandoff(handoff);
    return handoff;
  }

  private async lockedHandoff(id: string): Promise<HandoffEntity> {
    const handoff = await this.handoffs.findHandoffForUpdate(id);
    if (!handoff) throw new DomainError('NOT_FOUND', 'Handoff not found');
    return handoff;
  }
}
