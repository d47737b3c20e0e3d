// Surrogate values for one document. Choices come from keyed hashes (HMAC-SHA256 with the
// de-identification secret) of the patient key and the original value, so the same name gets the
// same surrogate everywhere in a document (and across one patient's documents), and nobody without
// the secret can map a surrogate back by hashing candidate names.
import { createHmac } from 'node:crypto';
import type { DeidLanguage, PhiType } from '../phi-finding.js';
import type { PhiSpan } from '../phi-labels.js';
import { safeHarborZip } from '../rules/zip3.js';
import { shiftDate } from './date-shift.js';
import { SURROGATE_LISTS, type SurrogateLists } from './surrogate-lists.js';

/** Days all dates of a patient move by: 32 to 396 either way (never 0, always past the month). */
export function dateShiftDays(secret: string, patientKey: string): number {
  const h = createHmac('sha256', secret).update(`date-shift\u0000${patientKey}`).digest();
  const magnitude = 32 + (h.readUInt32BE(0) % 365);
  return h[4] & 1 ? magnitude : -magnitude;
}

export function redactionToken(type: PhiType): string {
  return `[${type}]`;
}

const normalise = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();

export class DocumentSurrogates {
  private readonly lists: SurrogateLists;
  private readonly shiftDays: number;
  /** original (normalised) -> surrogate, per kind of value, so repeats agree. */
  private readonly chosen = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(
    private readonly secret: string,
    private readonly language: DeidLanguage,
    private readonly patientKey: string,
  ) {
    this.lists = SURROGATE_LISTS[language];
    this.shiftDays = dateShiftDays(secret, patientKey);
  }

  /** The surrogate of one PHI value; never equal to it. */
  surrogateFor(span: PhiSpan, original: string): string {
    const value = this.generate(span, original);
    return value === undefined || normalise(value) === normalise(original)
      ? redactionToken(span.type)
      : value;
  }

  private generate(span: PhiSpan, original: string): string | undefined {
    switch (span.type) {
      case 'NAME':
        return this.personName(original);
      case 'DATE':
        return shiftDate(original.trim(), this.shiftDays, this.language);
      case 'AGE':
        return this.age(original);
      case 'PHONE':
      case 'FAX':
      case 'SSN':
      case 'MEDICAL_RECORD':
      case 'ACCOUNT':
      case 'ID':
      case 'DEVICE':
      case 'LICENSE':
        return this.remember(`id:${normalise(original)}`, (k) =>
          this.scramble(original, k, span.type === 'SSN'),
        );
      case 'EMAIL':
        return this.remember(`email:${normalise(original)}`, (k) => {
          const given = this.pick(this.lists.givenNames, `email-given:${original}`, k);
          const surname = this.pick(this.lists.surnames, `email-surname:${original}`, k);
          const domain = this.pick(this.lists.emailDomains, `email-domain:${original}`, 0);
          return `${ascii(given)}.${ascii(surname)}@${domain}`.toLowerCase();
        });
      case 'URL':
        return this.remember(
          `url:${normalise(original)}`,
          (k) => `https://www.${this.pick(this.lists.emailDomains, original, k)}/`,
        );
      case 'IP':
        // TEST-NET-1 (RFC 5737): addresses reserved for documentation.
        return this.remember(
          `ip:${original}`,
          (k) => `192.0.2.${1 + (this.hash(`ip:${original}`, k) % 254)}`,
        );
      case 'ADDRESS':
        return this.remember(`address:${normalise(original)}`, (k) => {
          const street = this.pick(this.lists.streets, original, k);
          const number = 1 + (this.hash(`number:${original}`, k) % 120);
          return this.language === 'es' ? `${street}, ${number}` : `${number} ${street}`;
        });
      case 'ZIP':
        return safeHarborZip(original);
      case 'LOCATION':
        return this.remember(`place:${span.label}:${normalise(original)}`, (k) =>
          this.pick(span.label === 'PAIS' ? this.lists.countries : this.lists.towns, original, k),
        );
      case 'ORGANIZATION':
        return this.remember(`org:${normalise(original)}`, (k) =>
          this.pick(this.lists.hospitals, original, k),
        );
      case 'PROFESSION':
        return this.remember(`job:${normalise(original)}`, (k) =>
          this.pick(this.lists.professions, original, k),
        );
      case 'OTHER':
        return undefined;
    }
  }

  // Names are replaced word by word, so `Juan García López` and a later `Sr. García` agree.
  private personName(original: string): string {
    const parts = original.split(/(\s+|-)/u);
    let wordIndex = 0;
    return parts
      .map((part) => {
        if (/^(?:\s+|-)$/u.test(part) || part === '') return part;
        const index = wordIndex++;
        if (/^(?:de|del|la|las|los|y|van|von|der|da|di|le)$/iu.test(part)) return part;
        if (/^\p{L}\.?$/u.test(part)) {
          return this.remember(`initial:${part.toLowerCase()}`, (k) => {
            const letter = 'ABCDEFGHJKLMNPRSTVW'[this.hash(`initial:${part}`, k) % 19];
            return part.endsWith('.') ? `${letter}.` : letter;
          });
        }
        const given = this.chosen.get(`given:${normalise(part)}`);
        if (given) return matchCase(given, part);
        return matchCase(
          this.remember(`${index === 0 && parts.length > 1 ? 'given' : 'surname'}:${normalise(part)}`, (k) =>
            this.pick(
              index === 0 && parts.length > 1 ? this.lists.givenNames : this.lists.surnames,
              normalise(part),
              k,
            ),
          ),
          part,
        );
      })
      .join('');
  }

  private age(original: string): string | undefined {
    const m = /\d+/.exec(original);
    if (!m) return undefined;
    const years = Number(m[0]);
    // Safe Harbor: ages over 89 fall into one category, 90 or older.
    const replacement = years > 89 ? '90+' : String(jitterAge(years, this.hash(`age:${years}`, 0)));
    return original.slice(0, m.index) + replacement + original.slice(m.index + m[0].length);
  }

  // Digits become other digits and letters other letters; separators and length stay.
  private scramble(original: string, attempt: number, ssn: boolean): string {
    let n = 0;
    return original.replace(/[0-9A-Za-z]/g, (ch) => {
      const i = n++;
      const h = this.hash(`id:${original}:${i}`, attempt);
      // Fake SSNs start with 9, an area number the SSA never issues.
      if (ssn && i === 0) return '9';
      if (/\d/.test(ch)) return String(h % 10);
      const letter = String.fromCharCode(65 + (h % 26));
      return ch === ch.toLowerCase() ? letter.toLowerCase() : letter;
    });
  }

  private remember(key: string, make: (attempt: number) => string): string {
    const known = this.chosen.get(key);
    if (known !== undefined) return known;
    let value = make(0);
    for (let attempt = 1; attempt < 16 && this.used.has(value); attempt++) value = make(attempt);
    this.chosen.set(key, value);
    this.used.add(value);
    return value;
  }

  private pick(list: readonly string[], key: string, attempt: number): string {
    return list[this.hash(key, attempt) % list.length];
  }

  private hash(key: string, attempt: number): number {
    return createHmac('sha256', this.secret)
      .update(`${this.patientKey}\u0000${key}\u0000${attempt}`)
      .digest()
      .readUInt32BE(0);
  }
}

function jitterAge(years: number, h: number): number {
  const delta = 1 + (h % 2);
  const candidate = h & 4 ? years + delta : years - delta;
  if (candidate < 0) return years + delta;
  return candidate > 89 ? years - delta : candidate;
}

function matchCase(value: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase() && like !== like.toLowerCase())
    return value.toUpperCase();
  return value;
}

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[^A-Za-z]/g, '');
}
