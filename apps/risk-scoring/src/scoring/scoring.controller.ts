import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedRequest, Idempotent, PlainRoute, RequireScopes } from '@suite/platform';
import { type ScoreRequest, ScoreRequestSchema } from './dto/score-request.schema.js';
import { ApplicationResponseDto, ScoreResponseDto } from './dto/score-response.dto.js';
import { ScoringService } from './scoring.service.js';

@ApiTags('applications')
@ApiSecurity('api-key')
@ApiExtraModels(ScoreResponseDto)
@Controller('v1/applications')
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  // The hot path: a plain Fastify route with the same guards, validation, idempotency and errors.
  @PlainRoute({
    method: 'POST',
    path: '/v1/applications/score',
    body: ScoreRequestSchema,
    openApi: { tags: ['applications'], security: 'api-key', response: ScoreResponseDto },
  })
  @Idempotent({ singleStatement: true })
  @RequireScopes('risk:score')
  scoreApplication(request: ScoreRequest, req: AuthenticatedRequest): Promise<ScoreResponseDto> {
    return this.scoring.scoreApplication(request, req.principal!.keyId, req.id);
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
