// Contact details, identifiers and ages: e-mail, URL, IP, phone and fax, SSN, record, account,
// insurance, licence and device numbers after their keywords (English and Spanish), ages over 89.
import type { PhiRule } from './rule-pattern.js';

// An identifier value: starts with a letter or digit, contains a digit, groups joined by - / . or
// single spaces before more digits (`26 63514095`, `28 28 70973`, `A-123-456`).
const ID_VALUE =
  '(?<phi>[A-Z]{0,4}[-]?\\d[\\dA-Z]*(?:[-/.][\\dA-Z]+)*(?:\\s\\d[\\dA-Z]*(?:[-/.][\\dA-Z]+)*)*)';
const SEP = '\\s*(?:#|n\\.?º|nº|no\\.?|num\\.?|number|número|:|=)?\\s*:?\\s*(?:is\\s+|was\\s+|of\\s+)?';

const keyword = (words: string): RegExp =>
  new RegExp(`\\b(?:${words})(?!\\p{L})${SEP}${ID_VALUE}(?![\\w@])`, 'dgiu');

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

const PHONE_VALUE = '(?<phi>\\+?\\(?\\d[\\d\\s().-]{5,}\\d(?:\\s*(?:ext|extensión|ext\\.|x)\\s*\\d{1,5})?)';

export const IDENTIFIER_RULES: readonly PhiRule[] = [
  {
    name: 'email',
    label: 'CORREO_ELECTRONICO',
    languages: ['en', 'es'],
    // The lookbehind starts a local part only at its first character (else every suffix of a long
    // run is tried: quadratic).
    pattern: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/dgu,
  },
  {
    name: 'url',
    label: 'URL_WEB',
    type: 'URL',
    languages: ['en', 'es'],
    pattern: /\b(?:https?:\/\/|www\.)[^\s<>"')]+/dgiu,
  },
  {
    name: 'ipv4',
    label: 'DIREC_PROT_INTERNET',
    languages: ['en', 'es'],
    pattern: /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/dgu,
    accept: (phi) => phi.split('.').every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0'))),
  },
  {
    name: 'fax',
    label: 'NUMERO_FAX',
    languages: ['en', 'es'],
    pattern: new RegExp(
      `\\b(?:fax|telefax)\\s*(?:n(?:o|º|úm(?:ero)?)\\.?)?\\s*[:.]?\\s*${PHONE_VALUE}`,
      'dgiu',
    ),
    accept: (phi) => digitCount(phi) >= 7 && digitCount(phi) <= 15,
  },
  {
    name: 'phone-keyword',
    label: 'NUMERO_TELEFONO',
    languages: ['en', 'es'],
    pattern: new RegExp(
      `\\b(?:tel(?:éfono|efono|ephone)?s?|tfno|tlf|tlfno|móvil|movil|phone|ph|cell|mobile|pager|beeper|contact number|call)\\.?\\s*(?:n(?:o|º|úm(?:ero)?)\\.?)?\\s*(?:de contacto\\s*)?[:.]?\\s*${PHONE_VALUE}`,
      'dgiu',
    ),
    accept: (phi) => digitCount(phi) >= 7 && digitCount(phi) <= 15,
  },
  {
    // North American numbers without a keyword: (555) 123-4567, 555-123-4567, 555.123.4567
    name: 'phone-nanp',
    label: 'NUMERO_TELEFONO',
    languages: ['en'],
    // Any of space, dot, hyphen or slash between the groups, and an extension (`410 392 0780 x45`).
    pattern:
      /(?<![\w/-])(?:\+?1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s./-])\d{3}[\s./-]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\w/-])/dgiu,
  },
  {
    // Pagers of clinicians in English notes: a short number after its cue (`Pager: #54321`, `PG 33445`,
    // `beeper 4-5678`); 4 to 6 digits, which the phone rules (7 or more) leave.
    name: 'pager-en',
    label: 'NUMERO_TELEFONO',
    languages: ['en'],
    pattern:
      /\b(?:pager|beeper|pgr|pg|bpr)\b\.?[ \t]*(?:#|no\.?|number)?[ \t]*:?[ \t]*#?[ \t]*(?<phi>\d{4,6}|\d-\d{4})(?![\w/-]|[.,]\d)/dgiu,
  },
  {
    // Ten digits grouped 6-4, a misplaced parenthesis or none (`(240444-1243)`).
    name: 'phone-six-four',
    label: 'NUMERO_TELEFONO',
    languages: ['en'],
    pattern: /(?<![\w/.-])\(?(?<phi>\d{6}-\d{4})\)?(?![\w/-]|[.,]\d)/dgu,
  },
  {
    // Spanish numbers without a keyword: 9 digits starting 6-9, grouped 3-3-3 or 2-3-2-2 or 3-2-2-2.
    name: 'phone-es',
    label: 'NUMERO_TELEFONO',
    languages: ['es'],
    pattern:
      /(?<![\w/.,-])(?:\+34[\s-]?)?[6789](?:\d{8}|\d{2}[\s.-]\d{3}[\s.-]\d{3}|\d[\s.-]\d{3}[\s.-]\d{2}[\s.-]\d{2}|\d{2}[\s.-]\d{2}[\s.-]\d{2}[\s.-]\d{2})(?![\w/-]|[.,]\d)/dgu,
  },
  {
    name: 'ssn',
    label: 'ID_ASEGURAMIENTO',
    type: 'SSN',
    languages: ['en'],
    // Cues are consumed, never looked behind for: a variable-length lookbehind is re-scanned at
    // every position of a whitespace run (quadratic on a page of blank lines).
    pattern:
      /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])|\b(?:SSN|social security(?: number| no\.?)?)\s*(?:[:#]\s*)?(?<phi>\d{9})\b/dgiu,
  },
  {
    name: 'medical-record-number',
    label: 'ID_SUJETO_ASISTENCIA',
    languages: ['en', 'es'],
    pattern: keyword(
      'MRN|medical record(?: number| no\\.?)?|record(?= *(?:#|number|no\\b))|chart|patient id|hospital number|unit(?= *(?:#|number|no\\b))|NHC|N\\.H\\.C\\.|n\\.?º? de historia(?: clínica)?|número de historia(?: clínica)?|historia clínica|H\\.C\\.|DNI|NIF|NIE|CIP|CIPA|pasaporte|passport',
    ),
  },
  {
    name: 'account-number',
    label: 'ID_CONTACTO_ASISTENCIAL',
    type: 'ACCOUNT',
    languages: ['en', 'es'],
    pattern: keyword(
      'account(?: number| no\\.?)?|acct\\.?|encounter(?: number| no\\.?| id)?|visit(?: number| id)|episodio|n\\.?º? de episodio|billing(?: number| id)?|claim(?: number| no\\.?)?',
    ),
  },
  {
    name: 'insurance-number',
    label: 'ID_ASEGURAMIENTO',
    languages: ['en', 'es'],
    pattern: keyword(
      'NASS|N\\.?A\\.?S\\.?S\\.?|n\\.?º? (?:de )?afiliación(?: a la seguridad social)?|n\\.?º? (?:de )?la seguridad social|n\\.?º? SS|tarjeta sanitaria|TIS|member id|policy(?: number| no\\.?)?|insurance(?: id| number| no\\.?)|health plan(?: number| id)|medicaid(?: id| number)?|medicare(?: id| number)?',
    ),
  },
  {
    name: 'licence-number',
    label: 'ID_TITULACION_PERSONAL_SANITARIO',
    type: 'LICENSE',
    languages: ['en', 'es'],
    pattern: keyword(
      "NºCol|N\\.?º?\\s?Col(?:egiado)?\\.?|n\\.?º? de colegiad[oa]|colegiad[oa](?: n\\.?º)?|licen[cs]e(?: number| no\\.?)?|lic\\.|DEA(?: number| no\\.?)?|NPI|driver'?s licen[cs]e(?: number| no\\.?)?|permiso de conducir",
    ),
  },
  {
    name: 'device-number',
    label: 'IDENTIF_DISPOSITIVOS_NRSERIE',
    type: 'DEVICE',
    languages: ['en', 'es'],
    pattern: keyword(
      'serial(?: number| no\\.?)?|S/N|SN|device(?: id| serial| number)|lot(?: number| no\\.?)|n\\.?º? de serie|número de serie|implant(?: id| serial)|pacemaker serial',
    ),
  },
  {
    // Ages over 89 (Safe Harbor aggregates them into 90 or older); younger ages are not PHI there.
    name: 'age-over-89-en',
    label: 'EDAD_SUJETO_ASISTENCIA',
    languages: ['en'],
    pattern:
      /\b(?:(?:9\d|1[0-3]\d)[\s-]*(?:y\/o\b|yo\b|year[\s-]old|(?:years?|yrs?)(?:[\s-]*(?:old|of age))?)|(?:aged?|age:)\s*(?<phi>(?:9\d|1[0-3]\d))\b(?!\s*(?:mg|kg|ml|%|mm|bpm|\/)))/dgiu,
  },
  {
    name: 'age-over-89-es',
    label: 'EDAD_SUJETO_ASISTENCIA',
    languages: ['es'],
    pattern: /\b(?:9\d|1[0-3]\d)\s*(?:años|a\.)(?:\s+de\s+edad)?/dgiu,
  },
];
