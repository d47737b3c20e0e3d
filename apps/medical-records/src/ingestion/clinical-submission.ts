// One request body of POST /v1/documents, whatever its media type, to a SourceMessage plus the
// de-identification settings. Metadata of a text/plain or HL7 body comes from headers; a JSON body
// carries its own fields (validated by the platform's ValidationPipe before this runs).
import { DomainError } from '@suite/platform';
import type { DeidLanguage, DeidMode } from '../deid/phi-finding.js';
import { parseFhirResource } from './fhir-document.parser.js';
import { looksLikeHl7, parseHl7Message } from './hl7-mdm.parser.js';
import { languageOfTag } from './language-detection.js';
import {
  decodeTextBody,
  FHIR_MEDIA_TYPES,
  RawBody,
  HL7_MEDIA_TYPES,
  submissionKindOf,
  TEXT_MEDIA_TYPE,
} from './media-types.js';
import { checkDocumentText, checkIdentifier, invalidField, type SourceMessage } from './source-document.js';

export interface JsonDocumentFields {
  text: string;
  patientId?: string;
  documentDate?: string;
  language?: DeidLanguage;
  mode?: DeidMode;
  sourceMessageId?: string;
}

export interface ClinicalSubmission {
  message: SourceMessage;
  /** Undefined: detect per document. */
  language?: DeidLanguage;
  mode: DeidMode;
}

export type SubmissionHeaders = Record<string, string | string[] | undefined>;

function header(headers: SubmissionHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function languageHeader(headers: SubmissionHeaders): DeidLanguage | undefined {
  const tag = header(headers, 'content-language');
  if (tag === undefined) return undefined;
  const language = languageOfTag(tag);
  if (!language) throw invalidField('Content-Language', 'must be en or es');
  return language;
}

function modeHeader(headers: SubmissionHeaders): DeidMode | undefined {
  const mode = header(headers, 'x-deid-mode');
  if (mode === undefined) return undefined;
  if (mode !== 'redact' && mode !== 'surrogate')
    throw invalidField('X-Deid-Mode', 'must be redact or surrogate');
  return mode;
}

function sourceIdHeader(headers: SubmissionHeaders): string | undefined {
  const id = header(headers, 'x-source-message-id');
  if (id === undefined) return undefined;
  if (!/^[\x21-\x7e]+$/.test(id))
    throw invalidField('X-Source-Message-Id', 'must be printable ASCII without spaces');
  return checkIdentifier(id, 'X-Source-Message-Id');
}

function dateHeader(headers: SubmissionHeaders): Date | undefined {
  const value = header(headers, 'x-document-date');
  return value === undefined ? undefined : parseIsoDate(value, 'X-Document-Date');
}

export function parseIsoDate(value: string, field: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw invalidField(field, 'must be an ISO 8601 date or date-time');
  }
  return date;
}

export function unsupportedMediaType(): DomainError {
  return new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Content-Type must be application/json, ${TEXT_MEDIA_TYPE}, ${FHIR_MEDIA_TYPES.join(', ')} or ${HL7_MEDIA_TYPES.join(', ')}`,
  );
}

/** The body of a non-JSON submission (JSON goes through parseJsonSubmission after validation). */
export function parseRawSubmission(
  contentType: string | undefined,
  body: unknown,
  headers: SubmissionHeaders,
): ClinicalSubmission {
  const kind = submissionKindOf(contentType);
  const settings = { language: languageHeader(headers), mode: modeHeader(headers) ?? 'redact' };
  switch (kind) {
    case 'fhir':
      return { ...settings, message: parseFhirResource(body) };
    case 'hl7v2': {
      const raw = body instanceof RawBody ? body.bytes() : body;
      if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) {
        throw invalidField('body', 'must be an HL7 v2 message');
      }
      return { ...settings, message: parseHl7Message(raw) };
    }
    case 'text': {
      const raw = body instanceof RawBody ? body.bytes() : body;
      if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) throw invalidField('body', 'must be text');
      // HL7 feeds often post ER7 as text/plain: a body that starts with an MSH segment is HL7.
      if (looksLikeHl7(raw)) return { ...settings, message: parseHl7Message(raw) };
      const text = typeof raw === 'string' ? raw : decodeTextBody(raw, contentType);
      if (text === undefined)
        throw invalidField('Content-Type', 'charset is not one this service can decode');
      const patientId = header(headers, 'x-patient-id');
      return {
        ...settings,
        message: {
          format: 'text',
          messageId: sourceIdHeader(headers),
          bundle: false,
          documents: [
            {
              text: checkDocumentText(text, 'body'),
              patientId: patientId === undefined ? undefined : checkIdentifier(patientId, 'X-Patient-Id'),
              documentDate: dateHeader(headers),
            },
          ],
        },
      };
    }
    case 'json':
    case undefined:
      throw unsupportedMediaType();
  }
}

/** A validated JSON document; its own `language` / `mode` win over the headers. */
export function parseJsonSubmission(
  fields: JsonDocumentFields,
  headers: SubmissionHeaders = {},
): ClinicalSubmission {
  return {
    language: fields.language ?? languageHeader(headers),
    mode: fields.mode ?? modeHeader(headers) ?? 'redact',
    message: {
      format: 'text',
      messageId: fields.sourceMessageId,
      bundle: false,
      documents: [
        {
          text: checkDocumentText(fields.text, 'text'),
          patientId:
            fields.patientId === undefined ? undefined : checkIdentifier(fields.patientId, 'patientId'),
          documentDate:
            fields.documentDate === undefined ? undefined : parseIsoDate(fields.documentDate, 'documentDate'),
        },
      ],
    },
  };
}
