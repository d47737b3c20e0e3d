import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISIONS, type Decision } from '../score-scale.js';

export class ReasonDto {
  @ApiProperty({ description: 'Stable reason code', example: 'RC01' }) code: string;
  @ApiProperty({ example: 'The most recent payment was late.' }) text: string;
  @ApiProperty({
    description: 'Log-odds of default this factor adds above the average applicant',
    example: 0.84,
  })
  impact: number;
}

export class ModelRefDto {
  @ApiProperty({ example: 'risk-default' }) name: string;
  @ApiProperty({ example: '1' }) version: string;
}

export class ScoreResponseDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) externalReference: string | null;
  @ApiProperty({ description: 'Calibrated probability of default next month', example: 0.4312 })
  probabilityOfDefault: number;
  @ApiProperty({ description: 'Points-to-double-odds score (higher is safer)', example: 491 }) score: number;
  @ApiProperty({ enum: DECISIONS }) decision: Decision;
  @ApiProperty({ type: [ReasonDto], maxItems: 4, description: 'Adverse-action reasons, largest first' })
  reasons: ReasonDto[];
  @ApiProperty({ description: 'What the enricher read in the account' }) narrative: string;
  @ApiProperty({ type: ModelRefDto }) model: ModelRefDto;
  @ApiProperty({ example: '2025-11-28T10:00:00.000Z' }) scoredAt: string;
}

export class MonthlyAccountStateResponseDto {
  @ApiProperty() repaymentStatus: number;
  @ApiProperty() billAmount: number;
  @ApiProperty() paymentAmount: number;
}

export class ApplicantResponseDto {
  @ApiProperty() creditLimit: number;
  @ApiProperty({ type: [MonthlyAccountStateResponseDto] }) history: MonthlyAccountStateResponseDto[];
}

export class OutcomeSummaryDto {
  @ApiProperty() defaulted: boolean;
  @ApiProperty() observedAt: string;
}

export class ApplicationResponseDto extends ScoreResponseDto {
  @ApiProperty({ type: ApplicantResponseDto, description: 'The scored inputs' })
  applicant: ApplicantResponseDto;
  @ApiProperty({
    type: OutcomeSummaryDto,
    nullable: true,
    description: 'The observed outcome, once reported',
  })
  outcome: OutcomeSummaryDto | null;
}
