import { Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
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

  /** Runs one champion/challenger retraining now (synchronously: seconds) and returns its record. */
  @Post('retrain')
  @Idempotent()
  @RequireScopes('risk:admin')
  @ApiCreatedResponse({ type: TrainingRunResponseDto })
  async retrainChampion(
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<TrainingRunResponseDto> {
    return toTrainingRunDto(await this.retraining.retrainChampion('api', principal.keyId, req.id));
  }

  @Get('training-runs')
  @RequireScopes('risk:read')
  @ApiOkResponse({ type: [TrainingRunResponseDto] })
  async listTrainingRuns(@Query() query: TrainingRunsQueryDto): Promise<TrainingRunResponseDto[]> {
    return (await this.retraining.listRuns(query.limit ?? 20)).map(toTrainingRunDto);
  }
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
