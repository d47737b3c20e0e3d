// What agents do with the handoff queue: read it, claim a conversation, answer the customer, and
// close the handoff, which gives the conversation back to the bot. Every step is audited.
import { Injectable } from '@nestjs/common';
import { AuditService, type Principal } from '@suite/platform';
import { ConversationsService } from '../conversations/conversations.service.js';
import type { MessageDto } from '../conversations/dto/conversation-response.dto.js';
import type { HandoffEntity, HandoffStatus } from '../handoffs/entities/handoff.entity.js';
import { HandoffsService } from '../handoffs/handoffs.service.js';
import type {
  HandoffDetailResponseDto,
  HandoffListResponseDto,
  HandoffResponseDto,
} from './dto/agent-desk.dto.js';

@Injectable()
export class AgentDeskService {
  constructor(
    private readonly handoffs: HandoffsService,
    private readonly conversations: ConversationsService,
    private readonly audit: AuditService,
  ) {}

  async listHandoffs(status: HandoffStatus, limit: number): Promise<HandoffListResponseDto> {
    return { items: (await this.handoffs.listHandoffs([status], limit)).map(toHandoffDto) };
  }

  async getHandoff(id: string): Promise<HandoffDetailResponseDto> {
    const handoff = await this.handoffs.getHandoff(id);
    const { messages } = await this.conversations.conversationForAgent(handoff.conversationId);
    return { ...toHandoffDto(handoff), messages };
  }

  async claimHandoff(id: string, agent: Principal, correlationId: string): Promise<HandoffResponseDto> {
    await this.lockConversationOf(id);
    const handoff = await this.handoffs.claimHandoff(id, agent.keyId);
    await this.conversations.changeStatus(handoff.conversationId, 'with_agent');
    await this.record(agent, 'handoff.claim', id, correlationId);
    return toHandoffDto(handoff);
  }

  async replyToCustomer(
    id: string,
    text: string,
    agentName: string | null,
    agent: Principal,
    correlationId: string,
  ): Promise<MessageDto> {
    await this.lockConversationOf(id);
    const handoff = await this.handoffs.assertClaimedBy(id, agent.keyId);
    const message = await this.conversations.postAgentMessage(
      handoff.conversationId,
      agent.keyId,
      text,
      agentName,
    );
    await this.record(agent, 'handoff.reply', id, correlationId);
    return message;
  }

  async closeHandoff(id: string, agent: Principal, correlationId: string): Promise<HandoffResponseDto> {
    await this.lockConversationOf(id);
    const handoff = await this.handoffs.closeHandoff(await this.handoffs.assertClaimedBy(id, agent.keyId));
    await this.conversations.changeStatus(handoff.conversationId, 'bot');
    await this.record(agent, 'handoff.close', id, correlationId);
    return toHandoffDto(handoff);
  }

  // Conversation row first, then the handoff row: the order a customer's turn takes them in.
  private async lockConversationOf(handoffId: string): Promise<void> {
    const handoff = await this.handoffs.getHandoff(handoffId);
    await this.conversations.lockConversation(handoff.conversationId);
  }

  private record(agent: Principal, action: string, id: string, correlationId: string): Promise<void> {
    return this.audit.record({
      actor: agent.keyId,
      action,
      resourceType: 'handoff',
      resourceId: id,
      outcome: 'success',
      correlationId,
    });
  }
}

function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

export function toHandoffDto(h: HandoffEntity): HandoffResponseDto {
  return {
    id: h.id,
    conversationId: h.conversationId,
    status: h.status,
    reason: h.reason,
    intent: h.intent,
    requestedAt: new Date(h.requestedAt).toISOString(),
    claimedBy: h.claimedBy,
    claimedAt: iso(h.claimedAt),
    closedAt: iso(h.closedAt),
  };
}
