// The interop fixtures under data/interop (official FHIR R4 examples, FHIR server and HL7 library test
// files, Synthea-style Bundles), and the patient values each one carries in structured form, read here
// with a few lines of plain code independent of the service's parsers: what must never reach stored text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const INTEROP_DIR = join(process.cwd(), 'data', 'interop');

export function fhirFixture(name: string): Buffer {
  return readFileSync(join(INTEROP_DIR, 'fhir', name));
}

export function hl7Fixture(name: string): Buffer {
  return readFileSync(join(INTEROP_DIR, 'hl7v2', name));
}

type Json = Record<string, unknown>;

/** Names (every part of 3+ letters), identifier values (4+ characters) and birth dates of Patients. */
export function fhirPatientValues(bundleOrResource: Json): string[] {
  const patients: Json[] = [];
  const visit = (r: unknown) => {
    if (typeof r !== 'object' || r === null) return;
    const res = r as Json;
    if (res.resourceType === 'Patient') patients.push(res);
    for (const c of (res.contained as unknown[]) ?? []) visit(c);
    for (const e of (res.entry as { resource?: unknown }[]) ?? []) visit(e.resource);
  };
  visit(bundleOrResource);
  const out: string[] = [];
  for (const p of patients) {
    for (const n of (p.name as Json[]) ?? []) {
      for (const part of [n.family, ...((n.given as string[]) ?? [])]) {
        if (typeof part === 'string')
          out.push(...part.split(/[\s-]+/).filter((w) => /^\p{Lu}\p{L}{2,}/u.test(w)));
      }
    }
    for (const id of (p.identifier as Json[]) ?? []) {
      if (typeof id.value === 'string' && id.value.length >= 4) out.push(id.value);
    }
    if (typeof p.birthDate === 'string') out.push(p.birthDate);
  }
  return [...new Set(out)];
}

/** PID-5 name parts, PID-3 identifiers and the PID-7 birth date, by splitting on | and ^. */
export function hl7PatientValues(message: string): string[] {
  const pid = message.split(/\r\n|\r|\n/).find((s) => s.startsWith('PID|'));
  if (!pid) return [];
  const f = pid.split('|');
  const out: string[] = [];
  for (const rep of (f[5] ?? '').split('~')) {
    const [family = '', given = '', middle = ''] = rep.split('^');
    for (const part of [family, given, middle]) {
      out.push(...part.split(/[\s-]+/).filter((w) => /^\p{Lu}\p{L}{2,}/u.test(w)));
    }
  }
  for (const rep of (f[3] ?? '').split('~')) {
    const id = rep.split('^')[0];
    if (id.length >= 4) out.push(id);
  }
  const dob = /^(\d{4})(\d{2})(\d{2})/.exec(f[7] ?? '');
  if (dob)
    out.push(`${dob[1]}${dob[2]}${dob[3]}`, `${dob[1]}-${dob[2]}-${dob[3]}`, `${dob[2]}/${dob[3]}/${dob[1]}`);
  return [...new Set(out)];
}

/** The values of `values` found in `text` as whole words (a name inside a longer word is not a leak). */
export function leakedValues(text: string, values: string[]): string[] {
  // Redaction tokens ([NAME], [ID]) are the service's own markers, not the sender's values.
  const stripped = text.replace(/\[[A-Z_]+\]/g, ' ');
  return values.filter((v) => {
    const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(stripped);
  });
}
