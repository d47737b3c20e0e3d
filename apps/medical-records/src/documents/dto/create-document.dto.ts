import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { DeidLanguage, DeidMode } from '../../deid/phi-finding.js';
import { MAX_DOCUMENT_CHARS, MAX_IDENTIFIER_CHARS } from '../../ingestion/source-document.js';

export const DEID_LANGUAGES: readonly DeidLanguage[] = ['en', 'es'];
export const DEID_MODES: readonly DeidMode[] = ['redact', 'surrogate'];

/** `POST /v1/documents` with `Content-Type: application/json`: one clinical text and its metadata. */
export class CreateDocumentDto {
  @ApiProperty({
    description: 'Clinical text (PHI is removed before anything is stored)',
    maxLength: MAX_DOCUMENT_CHARS,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_DOCUMENT_CHARS)
  text: string;

  @ApiPropertyOptional({
    description:
      "The source's patient identifier (e.g. MRN); only its keyed hash is stored and returned. Names removed from this patient's earlier documents are removed from this one too (name memory).",
    maxLength: MAX_IDENTIFIER_CHARS,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_IDENTIFIER_CHARS)
  patientId?: string;

  @ApiPropertyOptional({
    description: 'When the document was written (ISO 8601)',
    example: '2025-11-28T09:30:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  documentDate?: string;

  @ApiPropertyOptional({ enum: DEID_LANGUAGES, description: 'Default: detected from the text' })
  @IsOptional()
  @IsIn(DEID_LANGUAGES)
  language?: DeidLanguage;

  @ApiPropertyOptional({ enum: DEID_MODES, default: 'redact' })
  @IsOptional()
  @IsIn(DEID_MODES)
  mode?: DeidMode;

  @ApiPropertyOptional({
    description: "The sender's id of this message: a redelivery with the same id replays the first response",
    maxLength: MAX_IDENTIFIER_CHARS,
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]+$/, { message: 'sourceMessageId must be printable ASCII without spaces' })
  @MaxLength(MAX_IDENTIFIER_CHARS)
  sourceMessageId?: string;
}
