import { ApiProperty } from '@nestjs/swagger';
import { DriftWindowDto } from './drift.dto.js';

export const PROTECTED_ATTRIBUTES = ['age', 'sex', 'education', 'maritalStatus'] as const;

export class FairnessGroupDto {
  @ApiProperty({
    example: 'female',
    description: 'The group (age in bands: 18-24, 25-34, 35-44, 45-59, 60+)',
  })
  group: string;
  @ApiProperty() applications: number;
  @ApiProperty({ description: 'Mean probability of default the model gave this group' })
  meanProbabilityOfDefault: number;
  @ApiProperty({ description: 'Share of the group declined' }) declineRate: number;
}

export class AttributeMonitoringDto {
  @ApiProperty({ enum: PROTECTED_ATTRIBUTES }) attribute: string;
  @ApiProperty({ description: 'Applications that gave the attribute' }) provided: number;
  @ApiProperty({ description: 'Applications that did not (it is optional and never a model input)' })
  missing: number;
  @ApiProperty({ type: [FairnessGroupDto] }) groups: FairnessGroupDto[];
}

export class FairnessReportDto {
  @ApiProperty({ type: DriftWindowDto }) window: DriftWindowDto;
  @ApiProperty({ type: [AttributeMonitoringDto] }) attributes: AttributeMonitoringDto[];
}
