import { Module } from '@nestjs/common';
import { HandoffRepository } from './handoff.repository.js';
import { HandoffsService } from './handoffs.service.js';

// The queue itself; agents reach it through the agent desk, the bot through ConversationsService.
@Module({
  providers: [HandoffRepository, HandoffsService],
  exports: [HandoffsService],
})
export class HandoffsModule {}
