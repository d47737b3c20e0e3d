// The text of a FHIR Attachment (https://hl7.org/fhir/R4/datatypes.html#Attachment): base64 `data`, or
// `url` naming a Binary in the same Bundle or contained in the resource (nothing is fetched), read in
// the charset of its contentType, as plain text, HTML/XHTML or RTF. Other content types are refused
// naming the contentType's path.
import { isObject, type Json, optionalString } from './fhir-json.js';
import { rtfToText } from './rtf-text.js';
import { invalidField } from './source-document.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PLAIN = new Set(['text/plain', 'text/markdown']);
const HTML = new Set(['text/html', 'application/xhtml+xml', 'application/xhtml']);
const RTF = new Set(['text/rtf', 'application/rtf']);
export const TEXT_CONTENT_TYPES = [...PLAIN, ...HTML, ...RTF];

/** Resolves a reference (`#id`, `urn:uuid:...`, `Binary/id`, a full URL) to a resource, or undefined. */
export type ResourceResolver = (reference: string) => Json | undefined;

export type AttachmentText =
  { kind: 'text'; text: string } | { kind: 'unsupported'; path: string } | { kind: 'empty' };

export function isTextContentType(contentType: string | undefined): boolean {
  return contentType === undefined || TEXT_CONTENT_TYPES.includes(mediaTypeOf(contentType));
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

export function attachmentText(attachment: Json, path: string, resolve: ResourceResolver): AttachmentText {
  let contentType = optionalString(attachment, 'contentType', path);
  let contentTypePath = `${path}.contentType`;
  let data = optionalString(attachment, 'data', path);
  let dataPath = `${path}.data`;
  if (data === undefined) {
    const url = optionalString(attachment, 'url', path);
    if (url === undefined) {
      // Not R4 core, but common in feeds: the attachment's text inline.
      const inline = optionalString(attachment, 'text', path);
      return inline === undefined ? { kind: 'empty' } : { kind: 'text', text: inline };
    }
    const binary = resolve(url);
    if (!binary || binary.resourceType !== 'Binary') {
      // A URL outside the message is not fetched (no outbound calls with PHI in flight).
      if (!isTextContentType(contentType)) return { kind: 'unsupported', path: contentTypePath };
      throw invalidField(
        `${path}.url`,
        'must name a Binary in the same Bundle or contained (URLs are not fetched)',
      );
    }
    contentType = optionalString(binary, 'contentType', 'Binary') ?? contentType;
    contentTypePath = `${path}.url.resolve().contentType`;
    data = optionalString(binary, 'data', 'Binary');
    dataPath = `${path}.url.resolve().data`;
    if (data === undefined) throw invalidField(dataPath, 'the Binary has no data');
  }
  if (!isTextContentType(contentType)) return { kind: 'unsupported', path: contentTypePath };
  const bytes = decodeBase64(data, dataPath);
  const text = decodeCharset(bytes, contentType, contentTypePath, dataPath);
  const media = contentType === undefined ? 'text/plain' : mediaTypeOf(contentType);
  if (HTML.has(media)) return { kind: 'text', text: xhtmlToText(text) };
  if (RTF.has(media)) return { kind: 'text', text: rtfToText(text) };
  return { kind: 'text', text };
}

export function decodeBase64(data: string, path: string): Buffer {
  const compact = data.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw invalidField(path, 'must be base64');
  return Buffer.from(compact, 'base64');
}

function decodeCharset(
  bytes: Buffer,
  contentType: string | undefined,
  typePath: string,
  dataPath: string,
): string {
  const charset = /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw invalidField(typePath, 'names a charset this service cannot decode');
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw invalidField(dataPath, `must be base64 of ${decoder.encoding} text`);
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
  return withoutNonText(div)
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|tr|h[1-6]|table|blockquote)\s*>/gi, '\n')
    .replace(/<\/\s*t[dh]\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return XHTML_ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Drops <script>, <style> and <head> elements with their content: one forward scan, each search
// starting where the previous one ended (a regex with a lazy body and a back-reference can rescan).
function withoutNonText(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  for (;;) {
    const open = /<(script|style|head)\b/g;
    open.lastIndex = at;
    const m = open.exec(lower);
    if (!m) return out + html.slice(at);
    out += html.slice(at, m.index);
    const close = lower.indexOf(`</${m[1]}`, m.index);
    if (close < 0) return out;
    const end = lower.indexOf('>', close);
    if (end < 0) return out;
    at = end + 1;
  }
}

export { isObject };
