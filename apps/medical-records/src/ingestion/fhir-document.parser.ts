// FHIR R4 DocumentReference (https://hl7.org/fhir/R4/documentreference.html) and transaction/batch
// Bundles of them to SourceDocuments. Text comes from content[].attachment (base64 `data` of a text
// content type), else from the narrative (`text.div`, XHTML). The patient is subject.identifier.value,
// else the id in subject.reference (resolved through a Patient entry of the same Bundle when it is a
// urn:uuid reference). Errors name the JSON path, never the value found there.
import {
  checkDocumentText,
  checkIdentifier,
  invalidField,
  MAX_BUNDLE_DOCUMENTS,
  type SourceDocument,
  type SourceMessage,
} from './source-document.js';

type Json = Record<string, unknown>;

const BUNDLE_TYPES = new Set(['transaction', 'batch', 'collection', 'document']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// FHIR dateTime / instant: YYYY, YYYY-MM, YYYY-MM-DD or a full time with a zone.
const FHIR_DATE =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(obj: Json, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(`${path}.${key}`, 'must be a string');
  return value;
}

export function parseFhirResource(body: unknown): SourceMessage {
  if (!isObject(body)) throw invalidField('body', 'must be a FHIR resource (a JSON object)');
  const resourceType = body.resourceType;
  if (resourceType === 'DocumentReference') {
    return {
      format: 'fhir',
      messageId: messageIdOf(body, 'DocumentReference'),
      bundle: false,
      documents: [parseDocumentReference(body, 'DocumentReference', new Map())],
    };
  }
  if (resourceType === 'Bundle') return parseBundle(body);
  throw invalidField('resourceType', 'must be DocumentReference or Bundle');
}

function parseBundle(bundle: Json): SourceMessage {
  const type = bundle.type;
  if (typeof type !== 'string' || !BUNDLE_TYPES.has(type)) {
    throw invalidField('Bundle.type', 'must be transaction, batch, collection or document');
  }
  const entries = bundle.entry;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw invalidField('Bundle.entry', 'must be a non-empty array');
  }
  // Patients carried in the Bundle, by fullUrl, to resolve urn:uuid subject references.
  const patients = new Map<string, string>();
  entries.forEach((entry: unknown, i) => {
    if (!isObject(entry) || !isObject(entry.resource)) {
      throw invalidField(`Bundle.entry[${i}].resource`, 'must be a FHIR resource');
    }
    const resource = entry.resource;
    if (resource.resourceType === 'Patient' && typeof entry.fullUrl === 'string') {
      const id = firstIdentifierValue(resource, `Bundle.entry[${i}].resource`);
      if (id) patients.set(entry.fullUrl, id);
    }
  });
  const documents: SourceDocument[] = [];
  entries.forEach((entry: Json, i) => {
    const resource = entry.resource as Json;
    const path = `Bundle.entry[${i}].resource`;
    if (resource.resourceType === 'Patient') return;
    if (resource.resourceType !== 'DocumentReference') {
      throw invalidField(`${path}.resourceType`, 'must be DocumentReference (or Patient)');
    }
    documents.push(parseDocumentReference(resource, path, patients));
  });
  if (documents.length === 0) throw invalidField('Bundle.entry', 'must contain a DocumentReference');
  if (documents.length > MAX_BUNDLE_DOCUMENTS) {
    throw invalidField('Bundle.entry', `must contain at most ${MAX_BUNDLE_DOCUMENTS} DocumentReferences`);
  }
  return { format: 'fhir', messageId: messageIdOf(bundle, 'Bundle'), bundle: true, documents };
}

function parseDocumentReference(doc: Json, path: string, patients: Map<string, string>): SourceDocument {
  const status = optionalString(doc, 'status', path);
  if (status === 'entered-in-error') throw invalidField(`${path}.status`, 'entered-in-error is not ingested');
  const text = checkDocumentText(textOf(doc, path), `${path}.content`);
  const date = optionalString(doc, 'date', path);
  const when = date !== undefined ? { value: date, path: `${path}.date` } : periodStartOf(doc, path);
  const id = optionalString(doc, 'id', path);
  return {
    text,
    patientId: patientOf(doc, path, patients),
    documentDate: when === undefined ? undefined : parseFhirDate(when.value, when.path),
    sourceDocumentId: id === undefined ? undefined : checkIdentifier(id, `${path}.id`),
  };
}

function textOf(doc: Json, path: string): string {
  const content = doc.content;
  if (!Array.isArray(content) || content.length === 0) {
    throw invalidField(`${path}.content`, 'must be a non-empty array');
  }
  const parts: string[] = [];
  content.forEach((item: unknown, i) => {
    const itemPath = `${path}.content[${i}].attachment`;
    if (!isObject(item) || !isObject(item.attachment)) throw invalidField(itemPath, 'is required');
    const attachment = item.attachment;
    const contentType = optionalString(attachment, 'contentType', itemPath);
    const data = optionalString(attachment, 'data', itemPath);
    if (data !== undefined) {
      if (contentType !== undefined && !/^text\/plain\b/i.test(contentType)) {
        throw invalidField(`${itemPath}.contentType`, 'only text/plain attachments are ingested');
      }
      parts.push(decodeBase64Text(data, `${itemPath}.data`));
      return;
    }
    // Not R4 core, but common in feeds: the attachment's text inline.
    const inline = optionalString(attachment, 'text', itemPath);
    if (inline !== undefined) parts.push(inline);
  });
  if (parts.length > 0) return parts.join('\n\n');
  const narrative = isObject(doc.text) ? optionalString(doc.text, 'div', `${path}.text`) : undefined;
  if (narrative !== undefined) return xhtmlToText(narrative);
  throw invalidField(
    `${path}.content[0].attachment.data`,
    'no text: give base64 text/plain data, attachment text, or a narrative (text.div)',
  );
}

function decodeBase64Text(data: string, path: string): string {
  const compact = data.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw invalidField(path, 'must be base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw invalidField(path, 'must be base64 of UTF-8 text');
  }
}

const XHTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** The narrative's text: block elements and <br> become line breaks, tags go, entities are decoded. */
export function xhtmlToText(div: string): string {
  return div
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return XHTML_ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function periodStartOf(doc: Json, path: string): { value: string; path: string } | undefined {
  if (!isObject(doc.context) || !isObject(doc.context.period)) return undefined;
  const start = optionalString(doc.context.period, 'start', `${path}.context.period`);
  return start === undefined ? undefined : { value: start, path: `${path}.context.period.start` };
}

function parseFhirDate(text: string, path: string): Date {
  if (!FHIR_DATE.test(text)) throw invalidField(path, 'must be a FHIR dateTime (e.g. 2024-03-05T10:00:00Z)');
  const date = new Date(text.length === 4 ? `${text}-01-01` : text.length === 7 ? `${text}-01` : text);
  if (Number.isNaN(date.getTime())) throw invalidField(path, 'is not a valid date');
  return date;
}

function patientOf(doc: Json, path: string, patients: Map<string, string>): string | undefined {
  const subject = doc.subject;
  if (subject === undefined || subject === null) return undefined;
  if (!isObject(subject)) throw invalidField(`${path}.subject`, 'must be a Reference');
  if (isObject(subject.identifier)) {
    const value = optionalString(subject.identifier, 'value', `${path}.subject.identifier`);
    if (value !== undefined) return checkIdentifier(value, `${path}.subject.identifier.value`);
  }
  const reference = optionalString(subject, 'reference', `${path}.subject`);
  if (reference === undefined) return undefined;
  const inBundle = patients.get(reference);
  if (inBundle) return inBundle;
  const m = /^(?:.*\/)?Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/.*)?$/.exec(reference);
  if (!m) throw invalidField(`${path}.subject.reference`, 'must reference a Patient (Patient/<id>)');
  return m[1];
}

function firstIdentifierValue(resource: Json, path: string): string | undefined {
  const ids = resource.identifier;
  if (!Array.isArray(ids)) return undefined;
  const values = ids.filter(isObject).map((id) => ({ type: id.type, value: id.value }));
  // Prefer the medical record number (identifier.type.coding.code MR, HL7 table 0203).
  const mr = values.find(
    (v) =>
      isObject(v.type) &&
      Array.isArray(v.type.coding) &&
      v.type.coding.some((c: unknown) => isObject(c) && c.code === 'MR'),
  );
  const chosen = (mr ?? values.find((v) => typeof v.value === 'string'))?.value;
  return typeof chosen === 'string' ? checkIdentifier(chosen, `${path}.identifier.value`) : undefined;
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
