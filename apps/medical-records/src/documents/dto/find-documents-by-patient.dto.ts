import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DocumentWindowQuery } from './list-documents.query.js';

// A body, not a query string: an MRN in a URL ends up in access logs and browser history.
export class FindDocumentsByPatientDto extends DocumentWindowQuery {
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
