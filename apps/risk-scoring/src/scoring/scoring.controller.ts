import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  DirectRoute,
  Idempotent,
  type Principal,
  RequireScopes,
} from '@suite/platform';
import { ScoreRequestDto } from './dto/score-request.dto.js';
import { ApplicationResponseDto, ScoreResponseDto } from './dto/score-response.dto.js';
import { ScoringService } from './scoring.service.js';

@ApiTags('applications')
@ApiSecurity('api-key')
@Controller('v1/applications')
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  // The hot path: served straight from Fastify with the same guards, validation and idempotency.
  @Post('score')
  @DirectRoute()
  @Idempotent({ singleStatement: true })
  @RequireScopes('risk:score')
  @ApiCreatedResponse({ type: ScoreResponseDto })
  scoreApplication(
    @Body() request: ScoreRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<ScoreResponseDto> {
    return this.scoring.scoreApplication(request, principal.keyId, req.id);
  }

  @Get(':id')
  @RequireScopes('risk:read')
  @ApiOkResponse({ type: ApplicationResponseDto })
  getApplication(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<ApplicationResponseDto> {
    return this.scoring.getApplication(id);
  }
}
