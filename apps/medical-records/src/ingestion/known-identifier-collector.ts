// Collects the people-identifying values a structured message carries (FHIR Patient/Practitioner/
// RelatedPerson, HL7 PID/NK1/PV1/ORC/OBR/TXA), bounded in number and length, for de-identification.
import type { KnownIdentifiers } from '../deid/known-identifiers.js';

const MAX_VALUES = 500;
const MAX_VALUE_CHARS = 200;

export class KnownIdentifierCollector {
  private readonly lists: Required<KnownIdentifiers> = {
    names: [],
    identifiers: [],
    phones: [],
    emails: [],
    addresses: [],
    dates: [],
  };
  private count = 0;

  add(kind: keyof KnownIdentifiers, value: string | undefined | null): void {
    if (typeof value !== 'string') return;
    const trimmed = value.replace(/\s+/g, ' ').trim();
    // One letter or digit identifies no one (a middle initial, a sequence number).
    if (trimmed.length < 2 || trimmed.length > MAX_VALUE_CHARS || !/[\p{L}\p{N}]/u.test(trimmed)) return;
    const list = this.lists[kind];
    if (this.count >= MAX_VALUES || list.includes(trimmed)) return;
    list.push(trimmed);
    this.count += 1;
  }

  /** A person's name from its parts: each part, and the usual orders of the whole. */
  addName(parts: {
    text?: string;
    family?: string;
    given?: string[];
    prefix?: string[];
    suffix?: string[];
  }): void {
    const given = (parts.given ?? []).filter((g) => g.trim().length > 0);
    const family = parts.family?.trim() ?? '';
    this.add('names', parts.text);
    this.add('names', family);
    // Compound surnames ("Peña Müller", "Smith-Jones") are also written in part ("Mrs Müller");
    // lower-case particles (van, de, del) alone identify no one.
    const familyParts = family.split(/[\s-]+/);
    if (familyParts.length > 1)
      for (const part of familyParts) if (/^\p{Lu}/u.test(part)) this.add('names', part);
    for (const g of given) this.add('names', g);
    if (family && given.length > 0) {
      this.add('names', `${given.join(' ')} ${family}`);
      this.add('names', `${given[0]} ${family}`);
      this.add('names', `${family}, ${given.join(' ')}`);
      this.add('names', `${family} ${given.join(' ')}`);
      // Prefixes and suffixes only with the name: "Dr." alone identifies no one.
      for (const p of parts.prefix ?? []) this.add('names', `${p} ${given[0]} ${family}`);
      for (const p of parts.prefix ?? []) this.add('names', `${p} ${family}`);
      for (const s of parts.suffix ?? []) this.add('names', `${given.join(' ')} ${family} ${s}`);
    }
  }

  /** A telephone number as written, plus the common renderings of its area code and local number. */
  addPhone(written: string | undefined, area?: string, local?: string): void {
    this.add('phones', written);
    const a = (area ?? '').replace(/\D/g, '');
    const l = (local ?? '').replace(/\D/g, '');
    if (l.length >= 7) {
      const dashed = `${l.slice(0, 3)}-${l.slice(3)}`;
      this.add('phones', dashed);
      if (a) this.add('phones', `${a}-${dashed}`);
      if (a) this.add('phones', `(${a}) ${dashed}`);
      if (a) this.add('phones', `(${a})${dashed}`);
      this.add('phones', a + l);
    }
  }

  /** A birth date: as written and as ISO YYYY-MM-DD. */
  addDate(written: string | undefined): void {
    if (!written) return;
    this.add('dates', written);
    const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(written);
    if (m) {
      this.add('dates', `${m[1]}-${m[2]}-${m[3]}`);
      this.add('dates', `${m[1]}${m[2]}${m[3]}`);
      this.add('dates', `${m[2]}/${m[3]}/${m[1]}`);
    }
  }

  result(): KnownIdentifiers | undefined {
    return this.count === 0 ? undefined : this.lists;
  }
}
