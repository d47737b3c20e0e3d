import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ModelFiguresDto {
  @ApiProperty({ description: 'Evaluation split the figures are from', example: 'dev' }) split: string;
  @ApiProperty({ example: 6000 }) n: number;
  @ApiProperty({ example: 0.781 }) auc: number;
  @ApiProperty({ example: 0.44 }) ks: number;
  @ApiProperty({ example: 0.134 }) brier: number;
  @ApiProperty({ description: 'Expected calibration error, 10 equal-width bins', example: 0.015 })
  ece: number;
  @ApiPropertyOptional({ description: 'Student AUC / teacher AUC', example: 0.995 })
  studentToTeacherAuc?: number;
}

export class ModelVersionResponseDto {
  @ApiProperty({ example: '1' }) version: string;
  @ApiProperty({ enum: ['champion', 'available', 'not-ready'] }) status:
    'champion' | 'available' | 'not-ready';
  @ApiPropertyOptional({ description: 'Why the version is not ready' }) reason?: string;
  @ApiPropertyOptional({ example: '2025-11-28T10:00:00.000Z' }) createdAt?: string;
  @ApiPropertyOptional({ description: 'The champion a retrained version warm-started from' })
  parentVersion?: string;
  @ApiPropertyOptional({ type: ModelFiguresDto, nullable: true }) metrics?: ModelFiguresDto | null;
}

export class ModelListResponseDto {
  @ApiProperty({ example: 'risk-default' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '1' }) champion: string | null;
  @ApiProperty({ type: [ModelVersionResponseDto] }) versions: ModelVersionResponseDto[];
}

export class PromotionResponseDto {
  @ApiProperty({ example: 'risk-default' }) name: string;
  @ApiProperty({ description: 'The champion now', example: '2' }) champion: string;
  @ApiProperty({ nullable: true, type: String, description: 'The champion before', example: '1' })
  previous: string | null;
}
