import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * The sender's patient identifier in a request body (never a path or query: an MRN in a URL ends up
 * in access logs and browser history): a non-blank string of at most 255 characters.
 */
export function PatientIdField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: "The sender's patient identifier (MRN), as sent at ingestion",
      example: 'MRN-0001',
    }),
    IsString(),
    MinLength(1),
    MaxLength(255),
    Matches(/\S/, { message: 'patientId must not be blank' }),
  );
}
