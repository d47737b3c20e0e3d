import { Module } from '@nestjs/common';
import { HandoffsModule } from '../handoffs/handoffs.module.js';
import { IntentModule } from '../intent/intent.module.js';
import { LlmModule } from '../llm/llm.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { ConversationEvents } from './conversation-events.js';
import { ConversationRateLimiter } from './conversation-rate-limiter.js';
import { ConversationOwnerGuard } from './conversation-owner.guard.js';
import { ConversationRepository } from './conversation.repository.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';
import { RecentTurnsCache } from './recent-turns.cache.js';

@Module({
  imports: [RulesModule, IntentModule, HandoffsModule, LlmModule],
  controllers: [ConversationsController],
  providers: [
    ConversationRepository,
    ConversationOwnerGuard,
    ConversationsService,
    ConversationEvents,
    ConversationRateLimiter,
    RecentTurnsCache,
  ],
  exports: [ConversationsService],
})
export class ConversationsModule {}
