// Content negotiation for POST /v1/documents: an HL7 ACK when the caller asks for ER7
// (Accept: x-application/hl7-v2+er7), FHIR (a transaction-response Bundle or an OperationOutcome)
// when it asks for application/fhir+json or sent FHIR without asking for plain JSON, JSON otherwise.
import { FHIR_MEDIA_TYPES, HL7_MEDIA_TYPES, JSON_MEDIA_TYPE, submissionKindOf } from './media-types.js';

export type ResponseFormat = 'json' | 'fhir' | 'hl7';

export const HL7_RESPONSE_TYPE = 'x-application/hl7-v2+er7; charset=utf-8';
export const FHIR_RESPONSE_TYPE = 'application/fhir+json; charset=utf-8';

type Headers = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).toLowerCase();
}

export function responseFormatOf(headers: Headers): ResponseFormat {
  const accepted = one(headers.accept)
    .split(',')
    .map((part) => part.split(';')[0].trim())
    .filter((m) => m.length > 0);
  if (accepted.some((m) => (HL7_MEDIA_TYPES as readonly string[]).includes(m))) return 'hl7';
  if (accepted.some((m) => (FHIR_MEDIA_TYPES as readonly string[]).includes(m))) return 'fhir';
  if (accepted.includes(JSON_MEDIA_TYPE)) return 'json';
  const contentType = one(headers['content-type']);
  return submissionKindOf(contentType) === 'fhir' ? 'fhir' : 'json';
}
