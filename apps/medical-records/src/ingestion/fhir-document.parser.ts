// FHIR R4 resources that carry clinical documents, to SourceDocuments: DocumentReference (attachments),
// DiagnosticReport (presentedForm, conclusion), Composition (section narratives in order, with titles),
// Binary (text content types), alone or in a Bundle (transaction, batch, collection, searchset, or a
// document Bundle whose first entry is the Composition). Patient, Practitioner, RelatedPerson (in the
// Bundle or contained) feed de-identification as known identifiers. Errors name the FHIRPath, never
// the value found there. https://hl7.org/fhir/R4/http.html#transaction for the Bundle rules.
import { DomainError } from '@suite/platform';
import type { KnownIdentifiers } from '../deid/known-identifiers.js';
import { mergeKnownIdentifiers } from '../deid/known-identifiers.js';
import { attachmentText, type ResourceResolver, xhtmlToText } from './fhir-attachment.js';
import { conceptText, isObject, type Json, objectsOf, optionalString } from './fhir-json.js';
import { collectPerson, collectReferenceDisplays, PEOPLE_TYPES } from './fhir-people.js';
import { KnownIdentifierCollector } from './known-identifier-collector.js';
import {
  type BundleEntryOutcome,
  checkDocumentText,
  checkIdentifier,
  invalidField,
  MAX_BUNDLE_DOCUMENTS,
  type SourceDocument,
  type SourceMessage,
} from './source-document.js';

export { xhtmlToText } from './fhir-attachment.js';

const BUNDLE_TYPES = new Set(['transaction', 'batch', 'collection', 'document', 'searchset']);
export const DOCUMENT_TYPES = new Set(['DocumentReference', 'DiagnosticReport', 'Composition', 'Binary']);
/** Resources read for context (people, the encounter), never stored themselves. */
const CONTEXT_TYPES = new Set([...PEOPLE_TYPES, 'Encounter', 'Organization', 'Location']);
const MAX_BUNDLE_ENTRIES = 1000;
/** Entries named in a refusal of a whole Bundle. */
const MAX_LISTED_ENTRIES = 100;
const MAX_SECTION_DEPTH = 6;
// FHIR dateTime / instant: YYYY, YYYY-MM, YYYY-MM-DD or a full time with a zone.
const FHIR_DATE =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

interface Context {
  resolve: ResourceResolver;
  /** Patient identifier by reference (fullUrl, Type/id), for subject references. */
  patientIds: Map<string, string>;
  people: KnownIdentifierCollector;
  isPerson: (reference: string) => boolean;
}

export function parseFhirResource(body: unknown): SourceMessage {
  const resource = typeof body === 'string' ? parseJson(body) : body;
  if (!isObject(resource)) throw invalidField('body', 'must be a FHIR resource (a JSON object)');
  const type = resource.resourceType;
  if (type === 'Bundle') return parseBundle(resource);
  if (typeof type !== 'string' || !DOCUMENT_TYPES.has(type)) {
    // A resource type is a FHIRPath of its own root: the refusal names it (it is a type, not PHI).
    if (typeof type === 'string' && /^[A-Z][A-Za-z]{1,63}$/.test(type)) {
      throw invalidField(
        type,
        'carries no document: send DocumentReference, DiagnosticReport, Composition, Binary or a Bundle',
      );
    }
    throw invalidField(
      'resourceType',
      'must be DocumentReference, DiagnosticReport, Composition, Binary or Bundle',
    );
  }
  const context = contextOf([{ resource }]);
  const document = documentOf(resource, type, context);
  return { format: 'fhir', messageId: messageIdOf(resource, type), bundle: false, documents: [document] };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw invalidField('body', 'is not valid JSON');
  }
}

function parseBundle(bundle: Json): SourceMessage {
  const type = bundle.type;
  if (typeof type !== 'string' || !BUNDLE_TYPES.has(type)) {
    throw invalidField('Bundle.type', 'must be transaction, batch, collection, searchset or document');
  }
  const entries = bundle.entry;
  if (!Array.isArray(entries) || entries.length === 0)
    throw invalidField('Bundle.entry', 'must be a non-empty array');
  if (entries.length > MAX_BUNDLE_ENTRIES) {
    throw invalidField('Bundle.entry', `must have at most ${MAX_BUNDLE_ENTRIES} entries`);
  }
  const items = entries.map((entry: unknown, i) => {
    if (!isObject(entry)) throw invalidField(`Bundle.entry[${i}]`, 'must be an object');
    return { entry, resource: isObject(entry.resource) ? entry.resource : undefined };
  });
  const context = contextOf(items.map((it) => ({ resource: it.resource, fullUrl: it.entry.fullUrl })));
  // Binaries that an attachment points to are part of that document, not documents of their own.
  const referenced = referencedBinaries(items.map((it) => it.resource));

  const documents: SourceDocument[] = [];
  const outcomes: BundleEntryOutcome[] = [];
  let firstError: unknown;
  items.forEach(({ entry, resource }, index) => {
    const path = `Bundle.entry[${index}]`;
    const method =
      isObject(entry.request) && typeof entry.request.method === 'string' ? entry.request.method : undefined;
    const resourceType = typeof resource?.resourceType === 'string' ? resource.resourceType : undefined;
    const base = { index, resourceType, method };
    if (method !== undefined && method !== 'POST' && method !== 'PUT') {
      // GET, HEAD, DELETE and PATCH are answered per entry: this endpoint ingests, it does not serve or
      // delete FHIR resources.
      outcomes.push({ ...base, outcome: 'not-supported', path: `${path}.request.method` });
      return;
    }
    if (!resource || !resourceType) {
      outcomes.push({
        ...base,
        outcome: 'invalid',
        path: `${path}.resource`,
        problem: 'must be a FHIR resource',
      });
      return;
    }
    const isDocument =
      type === 'document' ? index === 0 && resourceType === 'Composition' : DOCUMENT_TYPES.has(resourceType);
    if (!isDocument || (resourceType === 'Binary' && referenced.has(resource))) {
      const context = CONTEXT_TYPES.has(resourceType) || resourceType === 'Binary' || type === 'document';
      outcomes.push({ ...base, outcome: context ? 'context' : 'skipped' });
      return;
    }
    try {
      documents.push(documentOf(resource, `${path}.resource`, context));
      outcomes.push({ ...base, outcome: 'document', documentIndex: documents.length - 1 });
    } catch (err) {
      // A transaction is all or nothing; a batch answers each entry on its own.
      if (type !== 'batch') throw err;
      firstError ??= err;
      outcomes.push({
        ...base,
        outcome: 'invalid',
        path: fieldOfError(err) ?? `${path}.resource`,
        problem: messageOf(err),
      });
    }
  });
  if (type === 'document' && documents.length === 0) {
    throw invalidField('Bundle.entry[0].resource', 'a document Bundle must start with a Composition');
  }
  if (documents.length === 0) {
    if (firstError) throw firstError;
    // Refused as a whole, but every entry is still answered: why it carried nothing to store.
    const problem =
      'no entry carries a document (DocumentReference, DiagnosticReport, Composition or a text Binary)';
    throw new DomainError('VALIDATION_FAILED', `Bundle.entry: ${problem}`, {
      fields: [
        { field: 'Bundle.entry', messages: [problem] },
        ...outcomes.slice(0, MAX_LISTED_ENTRIES).map((o) => ({
          field: o.path ?? `Bundle.entry[${o.index}]`,
          messages: [entryProblem(o)],
        })),
      ],
    });
  }
  if (documents.length > MAX_BUNDLE_DOCUMENTS) {
    throw invalidField('Bundle.entry', `must contain at most ${MAX_BUNDLE_DOCUMENTS} documents`);
  }
  return {
    format: 'fhir',
    messageId: messageIdOf(bundle, 'Bundle'),
    bundle: true,
    fhirBundleType: type,
    entries: outcomes,
    documents,
  };
}

function entryProblem(o: BundleEntryOutcome): string {
  switch (o.outcome) {
    case 'not-supported':
      return 'this request method is not supported by an ingestion endpoint';
    case 'invalid':
      return o.problem ?? 'refused';
    case 'context':
      return `${o.resourceType ?? 'resource'} is read for de-identification only`;
    default:
      return `${o.resourceType ?? 'resource'} carries no document`;
  }
}

function fieldOfError(err: unknown): string | undefined {
  const details = (err as { details?: { fields?: { field: string }[] } }).details;
  return details?.fields?.[0]?.field;
}

function messageOf(err: unknown): string {
  const details = (err as { details?: { fields?: { messages: string[] }[] } }).details;
  return details?.fields?.[0]?.messages.join('; ') ?? 'is not a document this service reads';
}

/** Indexes every resource (and what it contains) by the ways a reference can name it. */
function contextOf(items: { resource?: Json; fullUrl?: unknown }[]): Context {
  const byReference = new Map<string, Json>();
  const people = new KnownIdentifierCollector();
  const patientIds = new Map<string, string>();
  const index = (resource: Json, fullUrl?: unknown) => {
    const keys: string[] = [];
    if (typeof fullUrl === 'string') keys.push(fullUrl);
    if (typeof resource.resourceType === 'string' && typeof resource.id === 'string') {
      keys.push(`${resource.resourceType}/${resource.id}`);
    }
    for (const key of keys) byReference.set(key, resource);
    if (typeof resource.resourceType === 'string' && PEOPLE_TYPES.has(resource.resourceType)) {
      collectPerson(people, resource);
    }
    if (resource.resourceType === 'Patient') {
      const id = patientIdentifierOf(resource);
      if (id) for (const key of keys) patientIds.set(key, id);
    }
  };
  for (const { resource, fullUrl } of items) {
    if (!resource) continue;
    index(resource, fullUrl);
    for (const contained of Array.isArray(resource.contained) ? resource.contained : []) {
      if (!isObject(contained)) continue;
      if (typeof contained.id === 'string') byReference.set(`#${contained.id}`, contained);
      index(contained);
    }
  }
  const resolve = (reference: string) =>
    byReference.get(reference) ?? byReference.get(reference.replace(/^.*?\/(?=[A-Z][A-Za-z]+\/[^/]+$)/, ''));
  const isPerson = (reference: string) => {
    const target = resolve(reference);
    if (typeof target?.resourceType === 'string') return PEOPLE_TYPES.has(target.resourceType);
    return /(^|\/)(Patient|Practitioner|PractitionerRole|RelatedPerson|Person)\//.test(reference);
  };
  const context = { resolve, patientIds, people, isPerson };
  for (const { resource } of items) if (resource) collectReferenceDisplays(people, resource, isPerson);
  return context;
}

function referencedBinaries(resources: (Json | undefined)[]): Set<Json> {
  const urls = new Set<string>();
  const visit = (attachments: unknown) => {
    for (const a of Array.isArray(attachments) ? attachments : []) {
      const attachment = isObject(a) && isObject(a.attachment) ? a.attachment : a;
      if (isObject(attachment) && typeof attachment.url === 'string') urls.add(attachment.url);
    }
  };
  for (const r of resources) {
    if (!r) continue;
    visit(r.content);
    visit(r.presentedForm);
  }
  const out = new Set<Json>();
  resources.forEach((r) => {
    if (r?.resourceType !== 'Binary' || typeof r.id !== 'string') return;
    if (
      [...urls].some(
        (u) => u === `Binary/${r.id}` || u.endsWith(`/Binary/${r.id}`) || u.endsWith(r.id as string),
      )
    ) {
      out.add(r);
    }
  });
  return out;
}

function documentOf(resource: Json, path: string, context: Context): SourceDocument {
  const type = resource.resourceType;
  const status = statusCode(resource, 'status', path);
  if (status === 'entered-in-error') throw invalidField(`${path}.status`, 'entered-in-error is not ingested');
  const id = optionalString(resource, 'id', path);
  const base = {
    sourceDocumentId: id === undefined ? undefined : checkIdentifier(id, `${path}.id`),
    knownIdentifiers: knownIdentifiersOf(context),
  };
  switch (type) {
    case 'DocumentReference': {
      const date = dateOf(resource, path, ['date']) ?? periodStart(resource.context, `${path}.context`);
      return {
        ...base,
        text: checkDocumentText(documentReferenceText(resource, path, context), `${path}.content`),
        patientId: patientOf(resource, path, context),
        documentDate: date,
        reportStatus: statusCode(resource, 'docStatus', path),
      };
    }
    case 'DiagnosticReport':
      return {
        ...base,
        text: checkDocumentText(diagnosticReportText(resource, path, context), `${path}.presentedForm`),
        patientId: patientOf(resource, path, context),
        documentDate:
          dateOf(resource, path, ['issued', 'effectiveDateTime']) ??
          periodStart(resource.effectivePeriod, `${path}.effectivePeriod`),
        reportStatus: status,
      };
    case 'Composition':
      return {
        ...base,
        text: checkDocumentText(compositionText(resource, path), `${path}.section`),
        patientId: patientOf(resource, path, context),
        documentDate: dateOf(resource, path, ['date']),
        reportStatus: status,
      };
    case 'Binary': {
      const text = attachmentText(resource, path, context.resolve);
      if (text.kind === 'unsupported') throw unsupportedContentType(text.path);
      if (text.kind === 'empty') throw invalidField(`${path}.data`, 'is required');
      return { ...base, text: checkDocumentText(text.text, `${path}.data`) };
    }
    default:
      throw invalidField(`${path}.resourceType`, 'carries no document');
  }
}

/** A FHIR code (status values are short lower-case codes such as `final`, `entered-in-error`). */
function statusCode(resource: Json, key: string, path: string): string | undefined {
  const value = optionalString(resource, key, path);
  if (value !== undefined && !/^[a-z][a-z-]{0,31}$/.test(value)) {
    throw invalidField(`${path}.${key}`, 'must be a status code (e.g. final, preliminary, amended)');
  }
  return value;
}

function knownIdentifiersOf(context: Context): KnownIdentifiers | undefined {
  const people = context.people.result();
  return people === undefined ? undefined : mergeKnownIdentifiers(people);
}

function unsupportedContentType(path: string) {
  return invalidField(
    path,
    'only text/plain, text/html, application/xhtml+xml and text/rtf attachments are ingested',
  );
}

function attachmentsText(
  attachments: { value: Json; path: string }[],
  context: Context,
): { parts: string[]; unsupported?: string } {
  const parts: string[] = [];
  let unsupported: string | undefined;
  for (const { value, path } of attachments) {
    const text = attachmentText(value, path, context.resolve);
    if (text.kind === 'text') parts.push(text.text);
    if (text.kind === 'unsupported') unsupported ??= text.path;
  }
  return { parts, unsupported };
}

function documentReferenceText(doc: Json, path: string, context: Context): string {
  const content = objectsOf(doc, 'content', path);
  if (content.length === 0) throw invalidField(`${path}.content`, 'must be a non-empty array');
  const attachments = content.map(({ value, path: itemPath }) => {
    if (!isObject(value.attachment)) throw invalidField(`${itemPath}.attachment`, 'is required');
    return { value: value.attachment, path: `${itemPath}.attachment` };
  });
  const { parts, unsupported } = attachmentsText(attachments, context);
  if (parts.length > 0) return parts.join('\n\n');
  // A PDF or a CDA document is refused rather than replaced by the generated narrative about it.
  if (unsupported) throw unsupportedContentType(unsupported);
  const narrative = isObject(doc.text) ? optionalString(doc.text, 'div', `${path}.text`) : undefined;
  if (narrative !== undefined) return xhtmlToText(narrative);
  throw invalidField(
    `${path}.content[0].attachment.data`,
    'no text: give base64 text/plain data, a Binary by url, attachment text, or a narrative (text.div)',
  );
}

function diagnosticReportText(report: Json, path: string, context: Context): string {
  const { parts, unsupported } = attachmentsText(objectsOf(report, 'presentedForm', path), context);
  const conclusion = optionalString(report, 'conclusion', path);
  const title = conceptText(report.code);
  const body = [...parts, ...(conclusion ? [`Conclusion: ${conclusion}`] : [])];
  if (body.length === 0) {
    if (unsupported) throw unsupportedContentType(unsupported);
    throw invalidField(`${path}.presentedForm`, 'no text: give a text presentedForm or a conclusion');
  }
  return [...(title ? [title] : []), ...body].join('\n\n');
}

function compositionText(composition: Json, path: string): string {
  const lines: string[] = [];
  const title = optionalString(composition, 'title', path);
  if (title) lines.push(title);
  const visit = (owner: Json, ownerPath: string, depth: number) => {
    if (depth > MAX_SECTION_DEPTH)
      throw invalidField(`${ownerPath}.section`, `nests deeper than ${MAX_SECTION_DEPTH}`);
    for (const { value: section, path: sectionPath } of objectsOf(owner, 'section', ownerPath)) {
      const sectionTitle = optionalString(section, 'title', sectionPath);
      if (sectionTitle) lines.push(`\n${sectionTitle}`);
      const div = isObject(section.text)
        ? optionalString(section.text, 'div', `${sectionPath}.text`)
        : undefined;
      if (div) lines.push(xhtmlToText(div));
      visit(section, sectionPath, depth + 1);
    }
  };
  visit(composition, path, 1);
  if (lines.length <= (title ? 1 : 0))
    throw invalidField(`${path}.section`, 'no section has a narrative (text.div)');
  return lines.join('\n').trim();
}

function dateOf(resource: Json, path: string, keys: string[]): Date | undefined {
  for (const key of keys) {
    const value = optionalString(resource, key, path);
    if (value !== undefined) return parseFhirDate(value, `${path}.${key}`);
  }
  return undefined;
}

function periodStart(value: unknown, path: string): Date | undefined {
  // R4 DocumentReference.context is one object; a few feeds send an array (R5 shape): read the first.
  const first = Array.isArray(value) ? value[0] : value;
  if (!isObject(first)) return undefined;
  const period = isObject(first.period) ? first.period : first;
  const start = optionalString(period, 'start', `${path}${period === first ? '' : '.period'}`);
  return start === undefined
    ? undefined
    : parseFhirDate(start, `${path}${period === first ? '' : '.period'}.start`);
}

function parseFhirDate(text: string, path: string): Date {
  if (!FHIR_DATE.test(text)) throw invalidField(path, 'must be a FHIR dateTime (e.g. 2024-03-05T10:00:00Z)');
  const date = new Date(text.length === 4 ? `${text}-01-01` : text.length === 7 ? `${text}-01` : text);
  if (Number.isNaN(date.getTime())) throw invalidField(path, 'is not a valid date');
  return date;
}

function patientOf(doc: Json, path: string, context: Context): string | undefined {
  // R5 made Composition.subject a list; a few R4 feeds already send it so: read the first.
  const subject = Array.isArray(doc.subject) ? (doc.subject[0] as unknown) : doc.subject;
  if (subject === undefined || subject === null) return undefined;
  if (!isObject(subject)) throw invalidField(`${path}.subject`, 'must be a Reference');
  if (isObject(subject.identifier)) {
    const value = optionalString(subject.identifier, 'value', `${path}.subject.identifier`);
    if (value !== undefined) return checkIdentifier(value, `${path}.subject.identifier.value`);
  }
  const reference = optionalString(subject, 'reference', `${path}.subject`);
  if (reference === undefined) return undefined;
  const inMessage =
    context.patientIds.get(reference) ?? context.patientIds.get(reference.replace(/^.*\/(?=Patient\/)/, ''));
  if (inMessage) return inMessage;
  const m = /^(?:.*\/)?Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/.*)?$/.exec(reference);
  if (m) return m[1];
  if (reference.startsWith('#') || reference.startsWith('urn:')) return undefined;
  throw invalidField(`${path}.subject.reference`, 'must reference a Patient (Patient/<id>)');
}

function patientIdentifierOf(resource: Json): string | undefined {
  const ids = Array.isArray(resource.identifier) ? resource.identifier.filter(isObject) : [];
  // Prefer the medical record number (identifier.type.coding.code MR, HL7 table 0203).
  const mr = ids.find(
    (id) =>
      isObject(id.type) &&
      Array.isArray(id.type.coding) &&
      id.type.coding.some((c: unknown) => isObject(c) && c.code === 'MR') &&
      typeof id.value === 'string',
  );
  const chosen = (mr ?? ids.find((id) => typeof id.value === 'string'))?.value;
  if (typeof chosen === 'string' && chosen.trim().length > 0 && chosen.length <= 255) return chosen.trim();
  return typeof resource.id === 'string' ? resource.id : undefined;
}

function messageIdOf(resource: Json, path: string): string | undefined {
  // A DocumentReference's masterIdentifier, a Bundle's identifier, else the resource id.
  const identifier = isObject(resource.masterIdentifier)
    ? { obj: resource.masterIdentifier, at: `${path}.masterIdentifier` }
    : isObject(resource.identifier)
      ? { obj: resource.identifier, at: `${path}.identifier` }
      : undefined;
  if (identifier) {
    const value = optionalString(identifier.obj, 'value', identifier.at);
    const system = optionalString(identifier.obj, 'system', identifier.at);
    if (value !== undefined) {
      return checkIdentifier(system ? `${system}|${value}` : value, `${identifier.at}.value`);
    }
  }
  const id = optionalString(resource, 'id', path);
  return id === undefined ? undefined : checkIdentifier(`${path}/${id}`, `${path}.id`);
}
