import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** The date window and keyset page shared by every document listing. */
export class DocumentWindowQuery {
  @ApiPropertyOptional({ description: 'Documents dated at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Documents dated before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;
}

export class ListDocumentsQuery extends DocumentWindowQuery {
  @ApiPropertyOptional({ description: 'A patientRef returned by POST /v1/documents (64 hex characters)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'patientRef must be 64 lowercase hex characters' })
  patientRef?: string;
}
