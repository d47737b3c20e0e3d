// Reading untyped FHIR JSON by FHIRPath-like paths: every accessor names the path it read, so a
// refusal says `Bundle.entry[2].resource.content[0].attachment.contentType`, never the value found.
import { invalidField } from './source-document.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(obj: Json, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(`${path}.${key}`, 'must be a string');
  return value;
}

/** The objects of an optional array property (non-objects are refused, naming their index). */
export function objectsOf(obj: Json, key: string, path: string): { value: Json; path: string }[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidField(`${path}.${key}`, 'must be an array');
  return value.map((item: unknown, i) => {
    if (!isObject(item)) throw invalidField(`${path}.${key}[${i}]`, 'must be an object');
    return { value: item, path: `${path}.${key}[${i}]` };
  });
}

/** Strings of an optional array of strings; other items are ignored (they carry no text). */
export function stringsOf(obj: Json, key: string): string[] {
  const value = obj[key];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `text` of a CodeableConcept, else the display of its first coding. */
export function conceptText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.text === 'string') return value.text;
  const coding = Array.isArray(value.coding) ? value.coding.find(isObject) : undefined;
  return typeof coding?.display === 'string' ? coding.display : undefined;
}
