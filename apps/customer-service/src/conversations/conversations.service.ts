// A customer's conversation with the bot: each message is one turn, decided outside any transaction
// and written under a row lock in one short transaction (message, reply, dialogue state and handoff
// commit together with the idempotency record; see receiveCustomerMessage). The bot's decision is reply-policy.ts; this service gathers its inputs (active
// rules, intent ranking, entities, stored state) and records the outcome.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type MessageEvent, Optional } from '@nestjs/common';
import { DomainError, type Principal, TransactionRunner } from '@suite/platform';
import { concatMap, from, interval, map, merge, type Observable } from 'rxjs';
import { emptyDialogueState } from '../dialogue/dialogue-state.js';
import { recognizeEntities } from '../dialogue/entity-recognizer.js';
import { decideReply, mergeSlots } from '../dialogue/reply-policy.js';
import { renderReply, type RenderedReply } from '../dialogue/reply-text.js';
import { queueAcknowledgement, stillQueuedNote, urgentIntentOf } from '../dialogue/waiting-replies.js';
import { HandoffsService } from '../handoffs/handoffs.service.js';
import { IntentService } from '../intent/intent.service.js';
import { LlmDrafter } from '../llm/llm-drafter.js';
import { CONVERSATIONAL_INTENTS } from '../rules/default-answers.js';
import { RulesService } from '../rules/rules.service.js';
import { SUPPORT_CLOCK, SUPPORT_OPTIONS, type SupportOptions } from '../support-options.js';
import { ATTACHMENT_READER, type AttachmentReader, type CustomerAttachment } from './attachment-reader.js';
import { ConversationEvents } from './conversation-events.js';
import { ConversationRateLimiter } from './conversation-rate-limiter.js';
import { ConversationRepository } from './conversation.repository.js';
import type {
  BotReplyDto,
  ConversationResponseDto,
  MessageDto,
  MessageListResponseDto,
} from './dto/conversation-response.dto.js';
import type { ConversationEntity, ConversationStatus } from './entities/conversation.entity.js';
import type { MessageEntity } from './entities/message.entity.js';
import { MAX_MESSAGE_CHARS } from './dto/post-message.dto.js';
import { RECENT_TURNS, RecentTurnsCache } from './recent-turns.cache.js';
import { message, replyBase, round4, toConversationDto, toMessageDto } from './conversation-mapping.js';

const HEARTBEAT_MS = 25_000;
/** A turn decided on a state that changed before its write is decided again, this often at most. */
const MAX_TURN_ATTEMPTS = 3;

/** The turn was decided on a conversation that has changed since (thrown inside `tx.run`: rollback). */
class StaleTurn extends Error {}

/** What a turn's decision depends on, stored: equal means the decision still holds. */
function sameTurnState(seen: ConversationEntity, current: ConversationEntity): boolean {
  return (
    seen.messageCount === current.messageCount &&
    seen.status === current.status &&
    seen.stage === current.stage &&
    JSON.stringify(seen.dialogueState) === JSON.stringify(current.dialogueState)
  );
}

@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly rules: RulesService,
    private readonly intents: IntentService,
    private readonly handoffs: HandoffsService,
    private readonly llm: LlmDrafter,
    private readonly turns: RecentTurnsCache,
    private readonly events: ConversationEvents,
    private readonly rateLimiter: ConversationRateLimiter,
    @Inject(SUPPORT_OPTIONS) private readonly options: SupportOptions,
    @Inject(SUPPORT_CLOCK) private readonly now: () => Date,
    private readonly tx: TransactionRunner,
    @Optional() @Inject(ATTACHMENT_READER) private readonly attachments?: AttachmentReader,
  ) {}

  async startConversation(principal: Principal): Promise<ConversationResponseDto> {
    const at = this.now();
    const conversation: ConversationEntity = {
      id: randomUUID(),
      apiKeyId: principal.keyId,
      status: 'bot',
      stage: this.options.stage,
      dialogueState: emptyDialogueState(),
      messageCount: 0,
      createdAt: at,
      updatedAt: at,
    };
    await this.conversations.insertConversation(conversation);
    this.turns.rememberTurns(conversation.id, 0, []);
    return toConversationDto(conversation, [], null);
  }

  async getConversation(id: string, principal: Principal): Promise<ConversationResponseDto> {
    const conversation = await this.ownConversation(id, principal);
    const messages = await this.recentMessages(conversation);
    const handoff = await this.handoffs.openHandoffOf(id);
    return toConversationDto(
      conversation,
      messages,
      handoff ? { id: handoff.id, status: handoff.status, reason: handoff.reason } : null,
    );
  }

  async listMessages(
    id: string,
    principal: Principal,
    afterSeq: number,
    limit: number,
  ): Promise<MessageListResponseDto> {
    await this.ownConversation(id, principal);
    return { items: (await this.conversations.listMessagesAfter(id, afterSeq, limit)).map(toMessageDto) };
  }

  /**
   * One customer turn: store the message, decide and store the bot's reply (unless a person has it).
   * The decision (rules, intent inference, the optional LLM call) is made from an unlocked read with no
   * transaction open; the turn is then written in one short transaction under the row lock, after
   * checking that the conversation is still as read (message count, status, stage, dialogue state).
   * If another turn or an agent changed it meanwhile, the turn is decided again from the new state,
   * as if it had waited for the lock; after MAX_TURN_ATTEMPTS such races, 409 CONFLICT.
   */
  async receiveCustomerMessage(id: string, text: string, principal: Principal): Promise<BotReplyDto> {
    // Per key and conversation: another key's requests (404 anyway) cannot use up the customer's quota.
    this.rateLimiter.admitMessage(`${principal.keyId}:${id}`);
    for (let attempt = 1; ; attempt += 1) {
      const seen = await this.conversations.findConversation(id, principal.keyId);
      if (!seen) throw new DomainError('NOT_FOUND', 'Conversation not found');
      const at = this.now();
      const customerMessage = message(seen, seen.messageCount + 1, 'customer', text, at);
      // A person has (or will have) the conversation: the message waits for them, and the bot still
      // answers urgent safety matters and acknowledges everything else (waiting-replies.ts).
      const write =
        seen.status !== 'bot'
          ? await this.replyWhileWaiting(seen, customerMessage, at)
          : await this.botReply(seen, customerMessage, at);
      try {
        return await this.tx.run(async () => {
          const current = await this.conversations.findConversationForUpdate(id, principal.keyId);
          if (!current) throw new DomainError('NOT_FOUND', 'Conversation not found');
          if (!sameTurnState(seen, current)) throw new StaleTurn();
          return write();
        });
      } catch (err) {
        if (!(err instanceof StaleTurn)) throw err;
        if (attempt >= MAX_TURN_ATTEMPTS)
          throw new DomainError('CONFLICT', 'The conversation kept changing during this turn, resend');
      }
    }
  }

  /** Decides the bot's reply (no transaction); the returned writer stores the turn. */
  private async botReply(
    conversation: ConversationEntity,
    customerMessage: MessageEntity,
    at: Date,
  ): Promise<() => Promise<BotReplyDto>> {
    const { text } = customerMessage;
    const previousCount = conversation.messageCount;
    const state = conversation.stage === 1 ? emptyDialogueState() : conversation.dialogueState;
    const [{ engine }, ranked] = await Promise.all([
      this.rules.activeRules(),
      this.intents.rankIntents(text, 3),
    ]);
    const awaiting = state.pending?.kind === 'slot' ? state.pending.slot : undefined;
    const outcome = decideReply({
      stage: conversation.stage,
      text,
      state,
      rule: engine.matchRule(text),
      ranked,
      entities: recognizeEntities(text, { today: at, awaiting }),
      threshold: this.intents.spec.threshold,
      clarification: this.intents.spec.clarification,
      answerFor: (intent) => engine.answerFor(intent),
      isConversational: (intent) => CONVERSATIONAL_INTENTS.has(intent),
    });
    const rendered = renderReply(outcome.decision, outcome.state.slots, engine);
    const draftedBy = await this.draftWithLlm(
      conversation,
      rendered,
      customerMessage,
      engine.answerFor(rendered.intent ?? '')?.title,
    );
    const confidence = round4(outcome.decision.confidence);
    const reply = message(conversation, previousCount + 2, 'bot', draftedBy.text, at, {
      intent: rendered.intent,
      confidence,
      answeredBy: rendered.kind,
    });

    return async () => {
      let status: ConversationStatus = 'bot';
      if (outcome.decision.kind === 'handoff') {
        await this.handoffs.requestHandoff(conversation.id, outcome.decision.reason, outcome.decision.intent);
        status = 'waiting_for_agent';
      }
      await this.recordTurn(conversation, previousCount, [customerMessage, reply], {
        status,
        dialogueState: conversation.stage === 1 ? emptyDialogueState() : outcome.state,
      });
      return {
        ...replyBase({ ...conversation, status }, customerMessage),
        reply: toMessageDto(reply),
        intent: rendered.intent,
        confidence,
        answeredBy: rendered.kind,
        handoff: status !== 'bot',
        draftedBy: draftedBy.by,
        clarification: rendered.clarification ? { options: rendered.clarification } : null,
        awaitingSlot: rendered.awaitingSlot,
        slots: outcome.state.slots,
        queue: status === 'bot' ? null : await this.handoffs.queuePlaceOf(conversation.id, at),
      };
    };
  }

  /** Decides the reply while a person has the conversation (no transaction); the writer stores it. */
  private async replyWhileWaiting(
    conversation: ConversationEntity,
    customerMessage: MessageEntity,
    at: Date,
  ): Promise<() => Promise<BotReplyDto>> {
    const text = customerMessage.text;
    const previousCount = conversation.messageCount;
    const [{ engine }, ranked, place] = await Promise.all([
      this.rules.activeRules(),
      this.intents.rankIntents(text, 3),
      this.handoffs.queuePlaceOf(conversation.id, at),
    ]);
    const urgent = urgentIntentOf(engine.matchRule(text), ranked, this.intents.spec.threshold);
    const slots = mergeSlots(conversation.dialogueState.slots, recognizeEntities(text, { today: at }));
    // With a person already answering, only urgent matters get a bot reply (the person has the rest).
    const silent = !urgent && conversation.status === 'with_agent';
    const rendered = urgent
      ? renderReply(
          {
            kind: 'answer',
            intent: urgent.intent,
            confidence: urgent.confidence,
            answeredBy: urgent.answeredBy,
            ruleTemplate: null,
          },
          slots,
          engine,
        )
      : null;
    const reply = silent
      ? null
      : message(
          conversation,
          previousCount + 2,
          'bot',
          rendered ? rendered.text + stillQueuedNote(place) : queueAcknowledgement(place),
          at,
          urgent
            ? { intent: urgent.intent, confidence: round4(urgent.confidence), answeredBy: urgent.answeredBy }
            : { answeredBy: 'queue' },
        );
    return async () => {
      await this.recordTurn(
        conversation,
        previousCount,
        reply ? [customerMessage, reply] : [customerMessage],
        {},
      );
      return {
        ...replyBase(conversation, customerMessage),
        reply: reply ? toMessageDto(reply) : null,
        intent: urgent?.intent ?? null,
        confidence: urgent ? round4(urgent.confidence) : null,
        answeredBy: urgent?.answeredBy ?? (reply ? 'queue' : null),
        handoff: true,
        draftedBy: reply ? 'template' : null,
        clarification: null,
        awaitingSlot: null,
        slots: conversation.dialogueState.slots,
        queue: place,
      };
    };
  }

  /** Stage 3: an image message, read into text by the ATTACHMENT_READER, then a turn like any other. */
  async receiveAttachment(
    id: string,
    attachment: CustomerAttachment,
    principal: Principal,
  ): Promise<BotReplyDto> {
    // The image is fine; this deployment has receipts switched off (409, not 415: a client should
    // not retry with another image type).
    if (this.options.stage < 3 || !this.attachments)
      throw new DomainError(
        'FEATURE_DISABLED',
        'Receipt images are switched off here (they need BOT_STAGE=3)',
      );
    // 404 before the (slow) reading for a conversation of another key.
    await this.ownConversation(id, principal);
    // OCR runs outside any transaction (the route is narrow); only the turn's writes hold the lock.
    const read = await this.attachments.readAttachment({ ...attachment, apiKeyId: principal.keyId });
    const text = read.text.slice(0, MAX_MESSAGE_CHARS);
    const answer = read.answer;
    if (!answer) return this.receiveCustomerMessage(id, text, principal);
    this.rateLimiter.admitMessage(`${principal.keyId}:${id}`);
    const answered = await this.tx
      .run(async () => {
        const conversation = await this.conversations.findConversationForUpdate(id, principal.keyId);
        if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
        // A person has the conversation: the image waits for them like any message.
        if (conversation.status !== 'bot') throw new StaleTurn();
        const at = this.now();
        const customerMessage = message(conversation, conversation.messageCount + 1, 'customer', text, at);
        const reply = message(conversation, conversation.messageCount + 2, 'bot', answer.text, at, {
          intent: answer.intent,
          confidence: null,
          answeredBy: 'attachment',
        });
        await this.recordTurn(conversation, conversation.messageCount, [customerMessage, reply], {});
        return {
          ...replyBase(conversation, customerMessage),
          reply: toMessageDto(reply),
          intent: answer.intent,
          confidence: null,
          answeredBy: 'attachment',
          handoff: false,
          draftedBy: 'template',
          clarification: null,
          awaitingSlot: null,
          slots: conversation.dialogueState.slots,
          queue: null,
        } satisfies BotReplyDto;
      })
      .catch((err: unknown) => {
        if (err instanceof StaleTurn) return undefined;
        throw err;
      });
    return answered ?? this.receiveCustomerMessage(id, text, principal);
  }

  /**
   * New messages (and status changes) of the conversation as server-sent events, after `afterSeq`.
   * The caller checks ownership first (ConversationOwnerGuard): once the stream is open, an error can
   * only be an `error` event.
   */
  streamConversation(id: string, principal: Principal, afterSeq: number): Observable<MessageEvent> {
    let lastSeq = afterSeq;
    let lastStatus: ConversationStatus | undefined;
    const refresh = async (): Promise<MessageEvent[]> => {
      const conversation = await this.conversations.findConversation(id, principal.keyId);
      if (!conversation) return [];
      const fresh = await this.conversations.listMessagesAfter(id, lastSeq, 200);
      const out: MessageEvent[] = fresh.map((m) => ({
        id: String(m.seq),
        type: 'message',
        data: toMessageDto(m),
      }));
      if (fresh.length > 0) lastSeq = fresh.at(-1)!.seq;
      if (conversation.status !== lastStatus) {
        lastStatus = conversation.status;
        out.push({ id: String(lastSeq), type: 'status', data: { status: conversation.status } });
      }
      return out;
    };
    return merge(
      this.events.changesOf(id),
      interval(HEARTBEAT_MS).pipe(map(() => 'heartbeat' as const)),
    ).pipe(
      concatMap((trigger) =>
        trigger === 'heartbeat'
          ? // Every event carries the last message seq as its id, so Last-Event-ID always resumes right.
            from([{ id: String(lastSeq), type: 'heartbeat', data: {} } as MessageEvent])
          : from(refresh()).pipe(concatMap((events) => from(events))),
      ),
    );
  }

  // ----- used by the agent desk -----

  async conversationForAgent(
    id: string,
  ): Promise<{ conversation: ConversationEntity; messages: MessageDto[] }> {
    const conversation = await this.conversations.findConversation(id);
    if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return { conversation, messages: (await this.recentMessages(conversation)).map(toMessageDto) };
  }

  async postAgentMessage(
    conversationId: string,
    agentKeyId: string,
    text: string,
    agentName: string | null = null,
  ): Promise<MessageDto> {
    const conversation = await this.lockedConversation(conversationId);
    const agentMessage = message(conversation, conversation.messageCount + 1, 'agent', text, this.now(), {
      answeredBy: 'agent',
      agentKeyId,
      agentName,
    });
    await this.recordTurn(conversation, conversation.messageCount, [agentMessage], { status: 'with_agent' });
    return toMessageDto(agentMessage);
  }

  /** Holds the conversation's row lock for the rest of the agent's transaction. */
  async lockConversation(conversationId: string): Promise<void> {
    await this.lockedConversation(conversationId);
  }

  /** An agent took the conversation (with_agent) or gave it back to the bot (bot, fresh topic). */
  async changeStatus(conversationId: string, status: ConversationStatus): Promise<void> {
    const conversation = await this.lockedConversation(conversationId);
    await this.conversations.updateConversation(conversationId, {
      status,
      ...(status === 'bot' ? { dialogueState: emptyDialogueState() } : {}),
    });
    await this.events.announceChange(conversation.id);
  }

  // ----- internals -----

  private async ownConversation(id: string, principal: Principal): Promise<ConversationEntity> {
    const conversation = await this.conversations.findConversation(id, principal.keyId);
    if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return conversation;
  }

  private async lockedConversation(id: string): Promise<ConversationEntity> {
    const conversation = await this.conversations.findConversationForUpdate(id);
    if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return conversation;
  }

  private async recentMessages(conversation: ConversationEntity): Promise<MessageEntity[]> {
    const cached = this.turns.recentTurns(conversation.id, conversation.messageCount);
    if (cached) return cached;
    const messages = await this.conversations.lastMessages(conversation.id, RECENT_TURNS);
    this.turns.rememberTurns(conversation.id, conversation.messageCount, messages);
    return messages;
  }

  private async recordTurn(
    conversation: ConversationEntity,
    previousCount: number,
    added: MessageEntity[],
    changes: Partial<Pick<ConversationEntity, 'status' | 'dialogueState'>>,
  ): Promise<void> {
    await this.conversations.insertMessages(added);
    await this.conversations.updateConversation(conversation.id, {
      ...changes,
      messageCount: previousCount + added.length,
    });
    await this.events.announceChange(conversation.id);
    this.turns.appendTurns(conversation.id, previousCount, added);
  }

  /** Stage 2+: an LLM may reword a confident answer using the recent turns; the template otherwise. */
  private async draftWithLlm(
    conversation: ConversationEntity,
    rendered: RenderedReply,
    customerMessage: MessageEntity,
    title: string | undefined,
  ): Promise<{ text: string; by: 'template' | 'llm' }> {
    const draftable =
      rendered.kind === 'model' ||
      rendered.kind === 'context' ||
      rendered.kind === 'clarification' ||
      rendered.kind === 'slot-filling';
    if (!this.llm.enabled || conversation.stage === 1 || !draftable || !rendered.intent)
      return { text: rendered.text, by: 'template' };
    const history = await this.recentMessages(conversation);
    const draft = await this.llm.draftAnswer({
      intentTitle: title ?? rendered.intent,
      approvedAnswer: rendered.text,
      turns: [...history, customerMessage].map((m) => ({ author: m.author, text: m.text })),
    });
    return draft ? { text: draft, by: 'llm' } : { text: rendered.text, by: 'template' };
  }
}
