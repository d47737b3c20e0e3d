import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { HandoffsModule } from '../handoffs/handoffs.module.js';
import { AgentDeskController } from './agent-desk.controller.js';
import { AgentDeskService } from './agent-desk.service.js';

@Module({
  imports: [ConversationsModule, HandoffsModule],
  controllers: [AgentDeskController],
  providers: [AgentDeskService],
})
export class AgentDeskModule {}
