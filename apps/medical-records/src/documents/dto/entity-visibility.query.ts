import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class EntityVisibilityQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description:
      'true: also return entities under the model’s confidence threshold for their type (marked belowThreshold)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeLowConfidence?: 'true' | 'false';
}

export interface EntityVisibility {
  includeLowConfidence: boolean;
}

export const entityVisibilityOf = (query: EntityVisibilityQuery | undefined): EntityVisibility => ({
  includeLowConfidence: query?.includeLowConfidence === 'true',
});
