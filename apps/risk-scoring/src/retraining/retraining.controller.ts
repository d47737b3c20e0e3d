import { Controller, Get, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  DomainError,
  Idempotent,
  type Principal,
  RequireScopes,
} from '@suite/platform';
import { TrainingRunResponseDto, TrainingRunsQueryDto } from './dto/training-run.dto.js';
import type { TrainingRunEntity } from './entities/training-run.entity.js';
import { RetrainingService } from './retraining.service.js';

@ApiTags('models')
@ApiSecurity('api-key')
@Controller('v1/models')
export class RetrainingController {
  constructor(private readonly retraining: RetrainingService) {}

  /**
   * Runs one champion/challenger retraining now (synchronously: seconds) and returns its record. It
   * takes no options: no body, or the JSON object `{}`. A body declared as JSON but empty is not
   * JSON (RFC 8259), and any other body is refused, so a caller never believes an option was taken.
   */
  @Post('retrain')
  @Idempotent()
  @RequireScopes('risk:admin')
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: false, properties: {} } })
  @ApiCreatedResponse({ type: TrainingRunResponseDto })
  @ApiBadRequestResponse({ description: 'A body other than none or {}' })
  async retrainChampion(
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest & { body?: unknown },
  ): Promise<TrainingRunResponseDto> {
    refuseRetrainBody(req.headers['content-type'] !== undefined, req.body);
    return toTrainingRunDto(await this.retraining.retrainChampion('api', principal.keyId, req.id));
  }

  @Get('training-runs')
  @RequireScopes('risk:read')
  @ApiOkResponse({ type: [TrainingRunResponseDto] })
  async listTrainingRuns(@Query() query: TrainingRunsQueryDto): Promise<TrainingRunResponseDto[]> {
    return (await this.retraining.listRuns(query.limit ?? 20)).map(toTrainingRunDto);
  }
}

// Fastify itself refuses an empty body declared as JSON (400, "Body cannot be empty").
function refuseRetrainBody(declared: boolean, body: unknown): void {
  if (!declared && (body === undefined || body === null)) return;
  const isEmptyObject =
    typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
  if (isEmptyObject) return;
  throw new DomainError('VALIDATION_FAILED', 'body: retrain takes no options; send no body or {}', {
    fields: [{ field: 'body', messages: ['body must be absent or the empty JSON object {}'] }],
  });
}

export function toTrainingRunDto(run: TrainingRunEntity): TrainingRunResponseDto {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    reason: run.reason,
    championVersion: run.championVersion,
    challengerVersion: run.challengerVersion,
    windowFrom: run.windowFrom?.toISOString() ?? null,
    windowTo: run.windowTo.toISOString(),
    outcomesInWindow: run.outcomesInWindow,
    trainingRows: run.trainingRows,
    evaluationRows: run.evaluationRows,
    championMetrics: run.championMetrics as TrainingRunResponseDto['championMetrics'],
    challengerMetrics: run.challengerMetrics as TrainingRunResponseDto['challengerMetrics'],
    gates: run.gates,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
