import {
  Body,
  Controller,
  Get,
  Headers,
  type MessageEvent,
  Param,
  Post,
  Query,
  Sse,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, type Principal, RequireScopes } from '@suite/platform';
import type { Observable } from 'rxjs';
import { ResourceIdPipe } from '../http-input/resource-id.pipe.js';
import { ConversationOwnerGuard } from './conversation-owner.guard.js';
import { ConversationsService } from './conversations.service.js';
import {
  BotReplyDto,
  ConversationResponseDto,
  MessageListResponseDto,
} from './dto/conversation-response.dto.js';
import { EventsQueryDto, MessagesQueryDto } from './dto/messages-query.dto.js';
import { PostMessageDto } from './dto/post-message.dto.js';

// The customer's side, and all a publishable widget key (scope support:chat) can reach.
@ApiTags('conversations')
@ApiSecurity('api-key')
@Controller('v1/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Post()
  @Idempotent()
  @RequireScopes('support:chat')
  @ApiCreatedResponse({ type: ConversationResponseDto })
  startConversation(@CurrentPrincipal() principal: Principal): Promise<ConversationResponseDto> {
    return this.conversations.startConversation(principal);
  }

  @Get(':id')
  @RequireScopes('support:chat')
  @ApiOkResponse({ type: ConversationResponseDto })
  getConversation(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ConversationResponseDto> {
    return this.conversations.getConversation(id, principal);
  }

  /** The customer's message and the bot's reply (intent, confidence, what answered, handoff). */
  @Post(':id/messages')
  // Intent inference and the LLM call run outside any transaction and row lock (see the service).
  @Idempotent({ narrow: true })
  @RequireScopes('support:chat')
  @ApiCreatedResponse({ type: BotReplyDto })
  postMessage(
    @Param('id', ResourceIdPipe) id: string,
    @Body() dto: PostMessageDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BotReplyDto> {
    return this.conversations.receiveCustomerMessage(id, dto.text, principal);
  }

  @Get(':id/messages')
  @RequireScopes('support:chat')
  @ApiOkResponse({ type: MessageListResponseDto })
  listMessages(
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: MessagesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MessageListResponseDto> {
    return this.conversations.listMessages(id, principal, query.after ?? 0, query.limit ?? 100);
  }

  /** Server-sent events: `message` (bot, agent and customer messages) and `status` (handoff states). */
  @Sse(':id/events')
  @UseGuards(ConversationOwnerGuard)
  @RequireScopes('support:chat')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of `message`, `status` and `heartbeat` events' })
  streamConversation(
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: EventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Observable<MessageEvent> {
    const resumeAt = lastEventId && /^\d{1,9}$/.test(lastEventId) ? Number(lastEventId) : undefined;
    return this.conversations.streamConversation(id, principal, resumeAt ?? query.after ?? 0);
  }
}
