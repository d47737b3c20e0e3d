// The people a FHIR message describes in structured form (Patient, Practitioner, PractitionerRole,
// RelatedPerson, Person; in the Bundle or contained) and the names in references to them
// (`subject.display`, `author[].display`, ...): known identifiers for de-identification.
import { isObject, type Json, stringsOf } from './fhir-json.js';
import { KnownIdentifierCollector } from './known-identifier-collector.js';

export const PEOPLE_TYPES = new Set([
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'RelatedPerson',
  'Person',
]);
const MAX_WALK_NODES = 20_000;
const MAX_WALK_DEPTH = 12;

export function collectPerson(out: KnownIdentifierCollector, person: Json): void {
  for (const name of Array.isArray(person.name) ? person.name : [person.name]) addHumanName(out, name);
  for (const id of Array.isArray(person.identifier) ? person.identifier : [person.identifier]) {
    if (isObject(id) && typeof id.value === 'string') out.add('identifiers', id.value);
  }
  // Synthea and many servers use UUIDs or numbers as ids; a word like "example" identifies no one.
  if (typeof person.id === 'string' && /\d/.test(person.id) && person.id.length >= 6)
    out.add('identifiers', person.id);
  for (const telecom of Array.isArray(person.telecom) ? person.telecom : []) addTelecom(out, telecom);
  for (const address of Array.isArray(person.address) ? person.address : [person.address])
    addAddress(out, address);
  if (typeof person.birthDate === 'string') out.addDate(person.birthDate);
  for (const contact of Array.isArray(person.contact) ? person.contact : []) {
    if (!isObject(contact)) continue;
    addHumanName(out, contact.name);
    for (const telecom of Array.isArray(contact.telecom) ? contact.telecom : []) addTelecom(out, telecom);
    addAddress(out, contact.address);
  }
  for (const ext of Array.isArray(person.extension) ? person.extension : []) {
    if (!isObject(ext) || typeof ext.url !== 'string') continue;
    // patient-mothersMaidenName, patient-birthPlace and the like.
    if (typeof ext.valueString === 'string' && /maiden|name/i.test(ext.url))
      out.add('names', ext.valueString);
    if (isObject(ext.valueAddress)) addAddress(out, ext.valueAddress);
    if (isObject(ext.valueHumanName)) addHumanName(out, ext.valueHumanName);
  }
}

function addHumanName(out: KnownIdentifierCollector, name: unknown): void {
  if (!isObject(name)) return;
  out.addName({
    text: typeof name.text === 'string' ? name.text : undefined,
    family: typeof name.family === 'string' ? name.family : undefined,
    given: stringsOf(name, 'given'),
    prefix: stringsOf(name, 'prefix'),
    suffix: stringsOf(name, 'suffix'),
  });
}

function addTelecom(out: KnownIdentifierCollector, telecom: unknown): void {
  if (!isObject(telecom) || typeof telecom.value !== 'string') return;
  if (telecom.system === 'email') out.add('emails', telecom.value);
  else if (telecom.system === 'url' || telecom.system === 'other') out.add('identifiers', telecom.value);
  else {
    const digits = telecom.value.replace(/\D/g, '');
    out.addPhone(
      telecom.value,
      digits.length === 10 ? digits.slice(0, 3) : undefined,
      digits.length === 10 ? digits.slice(3) : undefined,
    );
  }
}

function addAddress(out: KnownIdentifierCollector, address: unknown): void {
  if (!isObject(address)) return;
  // Line, city, district and postal code identify; state and country do not (HIPAA Safe Harbor).
  out.add('addresses', typeof address.text === 'string' ? address.text : undefined);
  for (const line of stringsOf(address, 'line')) out.add('addresses', line);
  for (const key of ['city', 'district', 'postalCode']) {
    if (typeof address[key] === 'string') out.add('addresses', address[key]);
  }
}

/**
 * Names in references to people anywhere in a resource (`{ reference, display }`), bounded in depth and
 * nodes. `isPerson` says whether a reference string points to a person (resolving urn:uuid in the Bundle).
 */
export function collectReferenceDisplays(
  out: KnownIdentifierCollector,
  resource: Json,
  isPerson: (reference: string) => boolean,
): void {
  let nodes = 0;
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_WALK_DEPTH || nodes >= MAX_WALK_NODES) return;
    nodes += 1;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    if (
      typeof value.display === 'string' &&
      typeof value.reference === 'string' &&
      isPerson(value.reference)
    ) {
      out.add('names', value.display);
    } else if (
      typeof value.display === 'string' &&
      value.reference === undefined &&
      isObject(value.identifier)
    ) {
      // A logical reference (identifier + display), as in subject of many feeds.
      out.add('names', value.display);
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'text' && key !== 'contained') walk(child, depth + 1);
    }
  };
  walk(resource, 0);
}
