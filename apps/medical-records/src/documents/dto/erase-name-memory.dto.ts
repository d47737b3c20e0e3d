import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

// A body, not a path: an MRN in a URL ends up in access logs and browser history.
export class EraseNameMemoryDto {
  @ApiProperty({
    description: "The sender's patient identifier (MRN), as sent at ingestion",
    example: 'MRN-0001',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @Matches(/\S/, { message: 'patientId must not be blank' })
  patientId: string;
}

export class NameMemoryErasedDto {
  @ApiProperty({ description: "The patient's stored reference (keyed hash of the identifier)" })
  patientRef: string;

  @ApiProperty({ description: 'Name words forgotten (0 when nothing was remembered)' })
  erasedWords: number;
}
