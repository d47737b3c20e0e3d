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

/**
 * Registers FHIR JSON (kept as a string: the FHIR parser reads it, so that a UTF-8 BOM, which FHIR
 * servers' own test files carry, is accepted and bad JSON is answered as an OperationOutcome), and
 * HL7 and plain text as bytes.
 */
export function registerClinicalBodyParsers(fastify: FastifyInstance): void {
  if (!fastify.hasContentTypeParser(FHIR_MEDIA_TYPES[0])) {
    fastify.addContentTypeParser([...FHIR_MEDIA_TYPES], { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
  }
  // HL7 and plain-text bodies stay bytes: an HL7 message says in MSH-18 how its bytes are to be read
  // (8859/1, UTF-8, ...), and a text body in its Content-Type charset; both are decoded by the parsers.
  if (!fastify.hasContentTypeParser(HL7_MEDIA_TYPES[0])) {
    fastify.addContentTypeParser([...HL7_MEDIA_TYPES], { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, new RawBody(body as Buffer)),
    );
  }
  if (!bytesParsers.has(fastify)) {
    bytesParsers.add(fastify);
    fastify.removeContentTypeParser(TEXT_MEDIA_TYPE);
    fastify.addContentTypeParser(TEXT_MEDIA_TYPE, { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
  }
}

const bytesParsers = new WeakSet<FastifyInstance>();

/**
 * A body kept as bytes until its charset is known. The bytes are held as a Latin-1 string (one char per
 * byte) in an own property, so the idempotency hash over the request body stays one short linear pass.
 */
export class RawBody {
  readonly latin1: string;

  constructor(bytes: Buffer) {
    this.latin1 = bytes.toString('latin1');
  }

  bytes(): Buffer {
    return Buffer.from(this.latin1, 'latin1');
  }
}

/** The text of a text/plain body in the charset its Content-Type names (UTF-8 when none). */
export function decodeTextBody(body: Buffer, contentType: string | undefined): string | undefined {
  const charset = /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return undefined;
  }
}
