// A request to ingest, whatever carried it (an HTTP body and headers, or a NATS command), to a
// ClinicalSubmission: JSON documents through the platform's ValidationPipe and CreateDocumentDto, the
// other media types through the ingestion parsers.
import { createValidationPipe, DomainError } from '@suite/platform';
import {
  type ClinicalSubmission,
  parseJsonSubmission,
  parseRawSubmission,
  type SubmissionHeaders,
  unsupportedMediaType,
} from '../ingestion/clinical-submission.js';
import { submissionKindOf } from '../ingestion/media-types.js';
import { CreateDocumentDto } from './dto/create-document.dto.js';

const jsonValidation = createValidationPipe();
const JSON_FIELDS: ReadonlySet<string> = new Set([
  'text',
  'patientId',
  'documentDate',
  'language',
  'mode',
  'sourceMessageId',
]);

// The platform's pipe names unknown properties by their key, and a key of a clinical body can be PHI
// (the canary test plants one). Unknown keys are counted here instead, and the known fields validated.
export async function validateJsonDocument(body: unknown): Promise<CreateDocumentDto> {
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const unknown = Object.keys(object).filter((k) => !JSON_FIELDS.has(k));
  const known = Object.fromEntries(Object.entries(object).filter(([k]) => JSON_FIELDS.has(k)));
  const unknownField = unknown.length > 0 && {
    field: 'body',
    messages: [`${unknown.length} unknown field(s); allowed: ${[...JSON_FIELDS].join(', ')}`],
  };
  try {
    const dto = (await jsonValidation.transform(known, {
      type: 'body',
      metatype: CreateDocumentDto,
    })) as CreateDocumentDto;
    if (unknownField) {
      throw new DomainError('VALIDATION_FAILED', `body: ${unknownField.messages[0]}`, {
        fields: [unknownField],
      });
    }
    return dto;
  } catch (err) {
    if (!unknownField || !(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED') throw err;
    const fields = [unknownField, ...(err.details?.fields ?? []).filter((f) => f.field !== 'body')];
    throw new DomainError(
      'VALIDATION_FAILED',
      fields.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; '),
      { fields },
    );
  }
}

/** `body` as the HTTP layer parsed it: an object for JSON media types, a string otherwise. */
export async function parseSubmission(
  contentType: string | undefined,
  body: unknown,
  headers: SubmissionHeaders,
): Promise<ClinicalSubmission> {
  const kind = submissionKindOf(contentType);
  if (kind === undefined) throw unsupportedMediaType();
  if (kind === 'json') return parseJsonSubmission(await validateJsonDocument(body), headers);
  return parseRawSubmission(contentType, body, headers);
}
