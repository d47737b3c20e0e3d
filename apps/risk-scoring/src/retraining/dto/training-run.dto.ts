import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class TrainingRunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Most recent runs to list (default 20)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class RunFiguresDto {
  @ApiProperty() n: number;
  @ApiProperty() defaults: number;
  @ApiProperty() auc: number;
  @ApiProperty() ks: number;
  @ApiProperty() brier: number;
  @ApiProperty() ece: number;
}

export class TrainingRunResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['schedule', 'api', 'cli'] }) trigger: string;
  @ApiProperty({ enum: ['running', 'promoted', 'refused', 'failed'] }) status: string;
  @ApiProperty({ description: 'Why it ended so', nullable: true, type: String }) reason: string | null;
  @ApiProperty() championVersion: string;
  @ApiProperty({ nullable: true, type: String }) challengerVersion: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Outcomes recorded after this instant...' })
  windowFrom: string | null;
  @ApiProperty({ description: '...and up to this one' }) windowTo: string;
  @ApiProperty() outcomesInWindow: number;
  @ApiProperty({ description: 'Window rows plus the replay sample' }) trainingRows: number;
  @ApiProperty({ description: 'Out-of-time rows both models are compared on' }) evaluationRows: number;
  @ApiProperty({ type: RunFiguresDto, nullable: true }) championMetrics: RunFiguresDto | null;
  @ApiProperty({ type: RunFiguresDto, nullable: true }) challengerMetrics: RunFiguresDto | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'Gate limits and results',
  })
  gates: Record<string, unknown> | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}
