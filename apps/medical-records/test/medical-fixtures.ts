// Builders of the three source formats POST /v1/documents accepts, for the e2e tests.

export const HL7_MEDIA_TYPE = 'x-application/hl7-v2+er7';
export const FHIR_MEDIA_TYPE = 'application/fhir+json';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export interface FixtureDocument {
  text: string;
  patientId?: string;
  /** FHIR instant / ISO date-time. */
  date?: string;
  id?: string;
}

export function documentReference(doc: FixtureDocument): Record<string, unknown> {
  return {
    resourceType: 'DocumentReference',
    ...(doc.id && { id: doc.id }),
    status: 'current',
    ...(doc.patientId && { subject: { reference: `Patient/${doc.patientId}` } }),
    ...(doc.date && { date: doc.date }),
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: b64(doc.text) } }],
  };
}

export function transactionBundle(id: string | undefined, docs: FixtureDocument[]): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    ...(id && { identifier: { system: 'urn:test', value: id } }),
    type: 'transaction',
    entry: docs.map((d) => ({
      resource: documentReference(d),
      request: { method: 'POST', url: 'DocumentReference' },
    })),
  };
}

/** HL7 text escaping (HL7 v2.5.1 §2.7) for the standard delimiters. */
export function hl7Escape(text: string): string {
  return text
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\');
}

export function mdmT02(controlId: string, doc: FixtureDocument & { patientName?: string }): string {
  const ts = (doc.date ?? '2025-03-01T10:00:00Z').replace(/[-:]/g, '').replace('T', '').slice(0, 14);
  const lines = doc.text.split('\n');
  return [
    `MSH|^~\\&|EHR|GENHOSP|SUITE|MEDREC|${ts}||MDM^T02^MDM_T02|${controlId}|P|2.5.1`,
    `EVN|T02|${ts}`,
    `PID|1||${hl7Escape(doc.patientId ?? 'UNKNOWN')}^^^GENHOSP^MR||${doc.patientName ?? 'DOE^JANE'}`,
    'PV1|1|I',
    `TXA|1|DS|TX|${ts}||${ts}||||||${controlId}-DOC||||||AU`,
    ...lines.map((line, i) => `OBX|${i + 1}|TX|DS^Discharge summary||${hl7Escape(line)}||||||F`),
  ].join('\r');
}
