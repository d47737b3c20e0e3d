import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  Idempotent,
  type Principal,
  RequireScopes,
} from '@suite/platform';
import { MessageDto } from '../conversations/dto/conversation-response.dto.js';
import { ResourceIdPipe } from '../http-input/resource-id.pipe.js';
import { AgentDeskService } from './agent-desk.service.js';
import {
  AgentReplyDto,
  HandoffDetailResponseDto,
  HandoffListResponseDto,
  HandoffQueryDto,
  HandoffResponseDto,
} from './dto/agent-desk.dto.js';

// The agents' side (scope support:agent): the queue of conversations waiting for a person.
@ApiTags('handoffs')
@ApiSecurity('api-key')
@Controller('v1/handoffs')
export class AgentDeskController {
  constructor(private readonly desk: AgentDeskService) {}

  @Get()
  @RequireScopes('support:agent')
  @ApiOkResponse({ type: HandoffListResponseDto, description: 'Oldest first' })
  listHandoffs(@Query() query: HandoffQueryDto): Promise<HandoffListResponseDto> {
    return this.desk.listHandoffs(query.status ?? 'waiting', query.limit ?? 50);
  }

  @Get(':id')
  @RequireScopes('support:agent')
  @ApiOkResponse({ type: HandoffDetailResponseDto })
  getHandoff(@Param('id', ResourceIdPipe) id: string): Promise<HandoffDetailResponseDto> {
    return this.desk.getHandoff(id);
  }

  @Post(':id/claim')
  @Idempotent()
  @HttpCode(200)
  @RequireScopes('support:agent')
  @ApiOkResponse({ type: HandoffResponseDto, description: '409 when another agent holds it' })
  claimHandoff(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentPrincipal() agent: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<HandoffResponseDto> {
    return this.desk.claimHandoff(id, agent, req.id);
  }

  @Post(':id/messages')
  @Idempotent()
  @RequireScopes('support:agent')
  @ApiCreatedResponse({ type: MessageDto })
  replyToCustomer(
    @Param('id', ResourceIdPipe) id: string,
    @Body() dto: AgentReplyDto,
    @CurrentPrincipal() agent: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<MessageDto> {
    return this.desk.replyToCustomer(id, dto.text, dto.agentName ?? null, agent, req.id);
  }

  /** Ends the handoff; the bot answers the conversation's next messages again. */
  @Post(':id/close')
  @Idempotent()
  @HttpCode(200)
  @RequireScopes('support:agent')
  @ApiOkResponse({ type: HandoffResponseDto })
  closeHandoff(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentPrincipal() agent: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<HandoffResponseDto> {
    return this.desk.closeHandoff(id, agent, req.id);
  }
}
