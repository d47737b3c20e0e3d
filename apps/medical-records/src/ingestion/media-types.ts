// The request media types POST /v1/documents accepts, and the Fastify body parsers they need
// (Fastify itself parses only application/json and text/plain).
import type { FastifyInstance } from 'fastify';

export const FHIR_MEDIA_TYPES = ['application/fhir+json'] as const;
export const HL7_MEDIA_TYPES = [
  'x-application/hl7-v2+er7',
  'application/hl7-v2+er7',
  'application/hl7-v2',
] as const;
export const TEXT_MEDIA_TYPE = 'text/plain';
export const JSON_MEDIA_TYPE = 'application/json';

export type SubmissionKind = 'json' | 'text' | 'fhir' | 'hl7v2';

/** The kind of a request's Content-Type, or undefined when it is not accepted (415). */
export function submissionKindOf(contentType: string | undefined): SubmissionKind | undefined {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (media === JSON_MEDIA_TYPE) return 'json';
  if (media === TEXT_MEDIA_TYPE) return 'text';
  if ((FHIR_MEDIA_TYPES as readonly string[]).includes(media)) return 'fhir';
  if ((HL7_MEDIA_TYPES as readonly string[]).includes(media)) return 'hl7v2';
  return undefined;
}

/** Registers FHIR JSON (Fastify's own JSON parser, with its prototype-poisoning checks) and HL7 text. */
export function registerClinicalBodyParsers(fastify: FastifyInstance): void {
  if (!fastify.hasContentTypeParser(FHIR_MEDIA_TYPES[0])) {
    fastify.addContentTypeParser(
      [...FHIR_MEDIA_TYPES],
      { parseAs: 'string' },
      fastify.getDefaultJsonParser('error', 'error'),
    );
  }
  if (!fastify.hasContentTypeParser(HL7_MEDIA_TYPES[0])) {
    fastify.addContentTypeParser([...HL7_MEDIA_TYPES], { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
  }
}
