import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import { In } from 'typeorm';
import { HandoffEntity, type HandoffReason, type HandoffStatus } from './entities/handoff.entity.js';

@Injectable()
export class HandoffRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Opens a handoff unless the conversation already has an open one (then returns that one). */
  async openHandoff(
    conversationId: string,
    reason: HandoffReason,
    intent: string | null,
  ): Promise<HandoffEntity> {
    const manager = this.tx.manager();
    const inserted = (await manager.query(
      `INSERT INTO support.handoffs (id, conversation_id, status, reason, intent)
       VALUES ($1, $2, 'waiting', $3, $4)
       ON CONFLICT (conversation_id) WHERE status <> 'closed' DO NOTHING
       RETURNING id`,
      [randomUUID(), conversationId, reason, intent],
    )) as { id: string }[];
    const found = await manager.findOneBy(
      HandoffEntity,
      inserted.length > 0 ? { id: inserted[0].id } : { conversationId, status: In(['waiting', 'claimed']) },
    );
    return found!;
  }

  findHandoff(id: string): Promise<HandoffEntity | null> {
    return this.tx.manager().findOneBy(HandoffEntity, { id });
  }

  /** Locks the handoff row for the rest of the transaction (claims and closes race otherwise). */
  findHandoffForUpdate(id: string): Promise<HandoffEntity | null> {
    return this.tx.manager().findOne(HandoffEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findOpenHandoffOf(conversationId: string): Promise<HandoffEntity | null> {
    return this.tx.manager().findOneBy(HandoffEntity, { conversationId, status: In(['waiting', 'claimed']) });
  }

  listHandoffs(statuses: HandoffStatus[], limit: number): Promise<HandoffEntity[]> {
    return this.tx.manager().find(HandoffEntity, {
      where: { status: In(statuses) },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
  }

  async saveHandoff(handoff: HandoffEntity): Promise<void> {
    await this.tx.manager().save(HandoffEntity, handoff);
  }

  /** Waiting handoffs requested no later than this conversation's (1 = next); null when not waiting. */
  async queuePositionOf(conversationId: string): Promise<number | null> {
    const rows = (await this.tx.manager().query(
      `SELECT (SELECT count(*)::int FROM support.handoffs q
                WHERE q.status = 'waiting' AND q.requested_at <= h.requested_at) AS position
         FROM support.handoffs h
        WHERE h.conversation_id = $1 AND h.status = 'waiting'`,
      [conversationId],
    )) as { position: number }[];
    return rows[0]?.position ?? null;
  }

  /** Median seconds from request to claim of the last `sample` handoffs claimed since `since`. */
  async recentWaitSeconds(since: Date, sample: number): Promise<number | null> {
    const rows = (await this.tx.manager().query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY wait)::float8 AS median
         FROM (SELECT extract(epoch FROM claimed_at - requested_at) AS wait FROM support.handoffs
                WHERE claimed_at IS NOT NULL AND claimed_at >= $1
                ORDER BY claimed_at DESC LIMIT $2) recent`,
      [since, sample],
    )) as { median: number | null }[];
    return rows[0]?.median ?? null;
  }
}
