import { ApiProperty } from '@nestjs/swagger';
import { PatientIdField } from './patient-id.field.js';

export class EraseNameMemoryDto {
  @PatientIdField()
  patientId: string;
}

export class NameMemoryErasedDto {
  @ApiProperty({ description: "The patient's stored reference (keyed hash of the identifier)" })
  patientRef: string;

  @ApiProperty({ description: 'Name words forgotten (0 when nothing was remembered)' })
  erasedWords: number;
}
