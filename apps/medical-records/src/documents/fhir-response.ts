// FHIR REST answers for POST /v1/documents (https://hl7.org/fhir/R4/http.html): a transaction-response /
// batch-response Bundle with one entry.response per request entry, or an OperationOutcome, whose
// issue.expression is the FHIRPath of the refused element.
import type { BundleEntryOutcome, SourceMessage } from '../ingestion/source-document.js';
import type { IngestionResponse as IngestionResponseBody } from './documents.service.js';
import type { DocumentResponseDto } from './dto/document-response.dto.js';

type Severity = 'fatal' | 'error' | 'warning' | 'information';

export interface OperationOutcomeIssue {
  severity: Severity;
  code: string;
  diagnostics: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

/** FHIR issue-type (http://hl7.org/fhir/issue-type) for an HTTP status. */
export function issueTypeOf(status: number): string {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'login';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
    case 415:
      return 'not-supported';
    case 409:
      return 'conflict';
    case 413:
      return 'too-long';
    case 422:
      return 'processing';
    case 429:
      return 'throttled';
    case 503:
      return 'transient';
    default:
      return status >= 500 ? 'exception' : 'invalid';
  }
}

/** A field name that is a FHIRPath (Bundle.entry[2].resource.date), as opposed to a header or "body". */
export function isFhirPath(field: string): boolean {
  return /^[A-Z][A-Za-z]+(?:[.[]|$)/.test(field) && !field.includes('-');
}

export function operationOutcome(
  status: number,
  message: string,
  fields: { field: string; messages: string[] }[] = [],
): OperationOutcome {
  const severity: Severity = status >= 500 ? 'fatal' : 'error';
  const code = issueTypeOf(status);
  if (fields.length === 0)
    return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics: message }] };
  return {
    resourceType: 'OperationOutcome',
    issue: fields.map((f) => ({
      severity,
      code,
      diagnostics: `${f.field}: ${f.messages.join('; ')}`,
      ...(isFhirPath(f.field) && { expression: [f.field] }),
    })),
  };
}

function documentsOf(body: IngestionResponseBody): DocumentResponseDto[] {
  return 'documents' in body ? body.documents : [body];
}

export function documentLocation(d: DocumentResponseDto): string {
  return `v1/documents/${d.id}`;
}

/** The FHIR answer to an accepted message: a response Bundle for transaction/batch, else an OperationOutcome. */
export function fhirIngestionResponse(message: SourceMessage, body: IngestionResponseBody): unknown {
  const stored = documentsOf(body);
  const type = message.fhirBundleType;
  if ((type === 'transaction' || type === 'batch') && message.entries) {
    return {
      resourceType: 'Bundle',
      type: `${type}-response`,
      entry: message.entries.map((e) => ({ response: entryResponse(e, stored) })),
    };
  }
  return {
    resourceType: 'OperationOutcome',
    issue: [
      ...stored.map((d) => ({
        severity: 'information',
        code: 'informational',
        diagnostics: `stored as document ${d.id} (version ${d.version}), de-identified; GET /${documentLocation(d)}`,
      })),
      ...(message.entries ?? [])
        .filter((e) => e.outcome !== 'document')
        .map((e) => ({
          severity: 'information',
          code: 'informational',
          diagnostics: entryNote(e),
          expression: [`Bundle.entry[${e.index}]`],
        })),
    ],
  };
}

function entryNote(e: BundleEntryOutcome): string {
  const what = e.resourceType ?? 'entry';
  switch (e.outcome) {
    case 'context':
      return `${what}: read for de-identification and context, not stored`;
    case 'skipped':
      return `${what}: not stored (carries no document)`;
    case 'not-supported':
      return `${e.method ?? 'request'}: not supported by this ingestion endpoint`;
    case 'invalid':
      return `${e.path ?? what}: ${e.problem ?? 'refused'}`;
    case 'document':
      return `${what}: stored`;
  }
}

function entryResponse(e: BundleEntryOutcome, stored: DocumentResponseDto[]): Record<string, unknown> {
  const issue = (severity: Severity, code: string, expression?: string) => ({
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics: entryNote(e), ...(expression && { expression: [expression] }) }],
  });
  switch (e.outcome) {
    case 'document': {
      const d = stored[e.documentIndex ?? -1];
      return d ? { status: '201 Created', location: documentLocation(d) } : { status: '201 Created' };
    }
    case 'context':
      return { status: '200 OK', outcome: issue('information', 'informational') };
    case 'skipped':
      return {
        status: '200 OK',
        outcome: issue('warning', 'not-supported', `Bundle.entry[${e.index}].resource`),
      };
    case 'not-supported':
      return { status: '405 Method Not Allowed', outcome: issue('error', 'not-supported', e.path) };
    case 'invalid':
      return { status: '400 Bad Request', outcome: issue('error', 'invalid', e.path) };
  }
}
