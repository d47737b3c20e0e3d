import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class RecordOutcomeDto {
  @ApiProperty({ format: 'uuid', description: 'The scored application the outcome belongs to' })
  @IsUUID('4')
  applicationId: string;

  @ApiProperty({ description: 'Whether the client defaulted' })
  @IsBoolean()
  defaulted: boolean;

  @ApiPropertyOptional({ description: 'When the outcome was observed (ISO 8601); default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  observedAt?: string;
}

export class OutcomeResponseDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() defaulted: boolean;
  @ApiProperty() observedAt: string;
  @ApiProperty() recordedAt: string;
}
