import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, type Principal, RequireScopes } from '@suite/platform';
import { OutcomeResponseDto, RecordOutcomeDto } from './dto/outcome.dto.js';
import { OutcomesService } from './outcomes.service.js';

@ApiTags('outcomes')
@ApiSecurity('api-key')
@Controller('v1/outcomes')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post()
  @Idempotent()
  @RequireScopes('risk:outcomes')
  @ApiCreatedResponse({ type: OutcomeResponseDto })
  recordOutcome(
    @Body() request: RecordOutcomeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OutcomeResponseDto> {
    return this.outcomes.recordOutcome(request, principal.keyId);
  }
}
