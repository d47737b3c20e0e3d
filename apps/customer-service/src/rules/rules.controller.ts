import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  Idempotent,
  type Principal,
  RequireScopes,
} from '@suite/platform';
import { PublishRuleSetDto } from './dto/publish-rule-set.dto.js';
import { RuleSetListResponseDto, RuleSetResponseDto } from './dto/rule-set-response.dto.js';
import { RuleSetVersionPipe } from './rule-set-version.pipe.js';
import { RulesService } from './rules.service.js';

@ApiTags('rules')
@ApiSecurity('api-key')
@Controller('v1/rule-sets')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @RequireScopes('support:rules')
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiOkResponse({ type: RuleSetListResponseDto })
  listRuleSets(
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<RuleSetListResponseDto> {
    return this.rules.listRuleSets(Math.min(Math.max(limit ?? 20, 1), 100));
  }

  @Get('active')
  @RequireScopes('support:rules')
  @ApiOkResponse({ type: RuleSetResponseDto })
  getActiveRuleSet(): Promise<RuleSetResponseDto> {
    return this.rules.getActiveRuleSet();
  }

  @Get(':version')
  @RequireScopes('support:rules')
  @ApiOkResponse({ type: RuleSetResponseDto })
  getRuleSet(@Param('version', RuleSetVersionPipe) version: number): Promise<RuleSetResponseDto> {
    return this.rules.getRuleSet(version);
  }

  /** Publishes a complete rule set as the next version and makes it active. */
  @Post()
  @Idempotent()
  @RequireScopes('support:rules')
  @ApiCreatedResponse({ type: RuleSetResponseDto })
  publishRuleSet(
    @Body() dto: PublishRuleSetDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<RuleSetResponseDto> {
    return this.rules.publishRuleSet(dto, principal, req.id);
  }

  /** Makes an earlier or later version the active one (rollback and roll forward). */
  @Post(':version/activate')
  @Idempotent()
  @HttpCode(200)
  @RequireScopes('support:rules')
  @ApiOkResponse({ type: RuleSetResponseDto })
  activateRuleSet(
    @Param('version', RuleSetVersionPipe) version: number,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<RuleSetResponseDto> {
    return this.rules.activateRuleSet(version, principal, req.id);
  }
}
