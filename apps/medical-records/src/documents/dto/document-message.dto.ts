import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { DeidLanguage, DeidMode } from '../../deid/phi-finding.js';
import {
  FHIR_MEDIA_TYPES,
  HL7_MEDIA_TYPES,
  JSON_MEDIA_TYPE,
  TEXT_MEDIA_TYPE,
} from '../../ingestion/media-types.js';
import { MAX_IDENTIFIER_CHARS } from '../../ingestion/source-document.js';
import { DEID_LANGUAGES, DEID_MODES } from './create-document.dto.js';

export const MESSAGE_CONTENT_TYPES = [
  JSON_MEDIA_TYPE,
  TEXT_MEDIA_TYPE,
  ...FHIR_MEDIA_TYPES,
  ...HL7_MEDIA_TYPES,
];
// A NATS message is at most 1 MiB by default; the body is the largest part of it.
const MAX_BODY_CHARS = 1024 * 1024;

/**
 * The payload of a `medical.documents.ingest` command: the message exactly as a feed would POST it
 * (`body` as text, of media type `contentType`), with the settings HTTP carries in headers.
 */
export class DocumentMessageDto {
  @IsIn(MESSAGE_CONTENT_TYPES)
  contentType: string;

  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY_CHARS)
  body: string;

  @IsOptional()
  @IsIn(DEID_LANGUAGES)
  language?: DeidLanguage;

  @IsOptional()
  @IsIn(DEID_MODES)
  mode?: DeidMode;

  /** text/plain only: X-Patient-Id, X-Document-Date, X-Source-Message-Id. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_IDENTIFIER_CHARS)
  patientId?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  documentDate?: string;

  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: 'sourceMessageId must be printable ASCII without spaces' })
  sourceMessageId?: string;
}
