// Person names where the context says so: after a title (Dr., Mr., Sra., Dña.), after a keyword
// (Patient:, Nombre:, Médico:, Remitido por), before a credential (", MD") or "is a 67-year-old",
// after a relative (wife, hija). Capitalised words alone are not enough: eponyms (Parkinson disease,
// enfermedad de Crohn, Glasgow scale) and drug names are capitalised too.
import { englishGazetteer } from '@suite/medical-models';
import type { PhiRule } from './rule-pattern.js';

const WORD = "\\p{Lu}[\\p{Ll}'’]+(?:\\p{Lu}\\p{Ll}+)?(?:-\\p{Lu}?[\\p{Ll}'’]+)?";
const INITIAL = '\\p{Lu}\\.';
const PARTICLE = "(?:de la|de los|de las|del|de|van der|van|von|da|di|le|la|y|d'|Mc|O')";
// One to four name words, with initials and particles between them (`María de los Ángeles Ruiz`).
// Name words are separated by spaces on one line: a line break ends the name.
const NAME = `(?<phi>(?:${INITIAL}[ \\t]?)?${WORD}(?:[ \\t]+(?:${INITIAL}|(?:${PARTICLE}[ \\t]+)?${WORD})){0,3})`;
const NAME_OR_UPPER = `(?<phi>${NAME.slice(7, -1)}|\\p{Lu}{2,}(?:[ \\t]+\\p{Lu}{2,}){0,3})`;

// First words that make the "name" a medical term, a place or a heading rather than a person.
const NOT_A_NAME = new Set(
  [
    'parkinson',
    'crohn',
    'glasgow',
    'alzheimer',
    'hodgkin',
    'cushing',
    'addison',
    'graves',
    'hashimoto',
    'down',
    'wilson',
    'paget',
    'raynaud',
    'guillain',
    'barré',
    'kaposi',
    'wernicke',
    'korsakoff',
    'sjögren',
    'reiter',
    'babinski',
    'apgar',
    'whipple',
    'foley',
    'hospital',
    'clínica',
    'clinica',
    'centro',
    'servicio',
    'unidad',
    'department',
    'unit',
    'clinic',
    'the',
    'el',
    'la',
    'los',
    'las',
    'un',
    'una',
    'no',
    'sin',
    'con',
    'de',
    'dr',
    'dra',
    'sr',
    'sra',
    'srta',
    'don',
    'doña',
    'dña',
    'mr',
    'mrs',
    'ms',
    'pt',
  ].map((w) => w.toLowerCase()),
);

const MEDICAL_AFTER =
  /^\s*(?:'s\s+)?(?:disease|syndrome|sign|score|scale|criteria|classification|procedure|reflex|test|lymphoma|sarcoma|palsy|enfermedad|síndrome|signo|escala|criterios|clasificación)\b/iu;
const MEDICAL_BEFORE =
  /(?:enfermedad|síndrome|sindrome|escala|signo|maniobra|criterios|test|prueba|disease|syndrome|scale|sign|of|de)\s+(?:de\s+)?$/iu;

// Eponyms in clinical text (`Parkinson`, `factor V Leiden`, `Crohn's disease`), for the learnt tagger's
// name and place spans: it learnt names from notes in which such terms are rare (a public HL7 ORU
// fixture, CDCgov/trusted-intermediary's, lost `Leiden`). Only unambiguous ones: `Wilson`, `Foley`,
// `Graves` are surnames in notes too, and `U Maryland scale` is a place in the gold standard.
const EPONYMS = new Set([
  'leiden',
  'parkinson',
  'crohn',
  'alzheimer',
  'hodgkin',
  'hashimoto',
  'raynaud',
  'guillain',
  'kaposi',
  'wernicke',
  'korsakoff',
  'sjögren',
  'apgar',
  'huntington',
  'tourette',
  'marfan',
]);
const FACTOR_BEFORE = /\bfactor\s+(?:v\s+)?$/iu;
const DISEASE_AFTER = /^\s*(?:'s\s+)?(?:disease|syndrome|lymphoma|sarcoma|palsy)\b/iu;

/** A medical eponym at text[start, end): never a person or a place in a note. */
export function isEponym(phi: string, text: string, start: number, end: number): boolean {
  const first = (phi.split(/[\s.]+/u).find((w) => w.length > 1) ?? phi).toLowerCase();
  if (EPONYMS.has(first)) return true;
  if (DISEASE_AFTER.test(text.slice(end, end + 30))) return true;
  return FACTOR_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

export function acceptName(phi: string, text: string, start: number, end: number): boolean {
  const first = phi.split(/[\s.]+/u).find((w) => w.length > 1) ?? phi;
  if (NOT_A_NAME.has(first.toLowerCase())) return false;
  if (MEDICAL_AFTER.test(text.slice(end, end + 30))) return false;
  return !MEDICAL_BEFORE.test(
    text.slice(Math.max(0, start - 25), start).replace(/\b(?:Dr|Dra|Mr|Mrs|Ms)\.?\s*$/u, 'x'),
  );
}

const TITLES =
  'Dr|Dra|Drs|Doctor|Doctora|Prof|Profa|Professor|Profesor|Profesora|Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|Señor|Señora|Señorita|Don|Doña|Dña|D\\.ª|D\\.';
// A run of titles (`Sra. Dña. Pilar`) before the name.
const titled = (titles: string): RegExp =>
  new RegExp(`(?<![\\p{L}])(?:${titles})\\.?\\s+(?:(?:${TITLES})\\.?\\s+)*${NAME}`, 'dgu');

// Words that follow a title or a clinician's name in notes (`dr. smith aware`, `DR JONES PAGED`,
// `MS changes` for mental status), never a name; exported for name propagation too.
export const NOT_NAME_WORDS =
  'aware|notified|paged|called|here|in|at|to|was|is|and|or|but|not|all|has|had|have|who|which|that|the|a|an|' +
  're|of|from|for|will|with|on|by|made|said|ok|okay|informed|updated|came|saw|ordered|wants|wanted|d/c|dc|md|' +
  'rn|pt|patient|he|she|his|her|him|they|cont|continues|changes|change|involved|following|follows|team|service|' +
  'today|tonight|yesterday|am|pm|re-|also|then|now|did|does|would|could|should|may|might|can|sp|s/p|same|' +
  'states|stated|visited|visiting|visit|phoned|present|left|went|spoke|spoken|asked|feels|reports|reported|' +
  'requests|requested|agrees|agreed|updated|expressed|brought|bedside|home|come|coming|who|very|not|x|s';
const NOT_NAME = `(?!(?:${NOT_NAME_WORDS})(?![\\p{L}/-]))`;
const ANY_CASE_WORD = `${NOT_NAME}[\\p{L}][\\p{L}'’-]+`;

export const NAME_RULES: readonly PhiRule[] = [
  {
    // English notes write titles and names in any case (`dr. john bowman`, `MRS. CARLSON`).
    name: 'title-any-case',
    label: 'NOMBRE_PERSONAL_SANITARIO',
    languages: ['en'],
    // Dr with or without its period; Mr/Mrs/Ms/Miss only with it (`MS` alone is mental status, `MR` mitral regurgitation).
    pattern: new RegExp(
      `(?<![\\p{L}])(?:dr|drs|doctor|mr\\.|mrs\\.|ms\\.|miss)\\.?[ \\t]+(?<phi>${ANY_CASE_WORD})`,
      'dgiu',
    ),
    // One word: a second one is taken by the English name scanner only when the name lists say it is
    // a name (`dr. john bowman`, not `DR LAVELY NOTIFED`). `ms.` and `MS.` are mental status (`Ms.` is a title) unless a listed name follows.
    accept: (phi, text, start, end) =>
      (!/(?:^|[^\p{L}])(?:ms|MS)\.?[ \t]+$/u.test(text.slice(Math.max(0, start - 6), start)) ||
        englishGazetteer().isLikelyName(phi)) &&
      acceptName(phi, text, start, end),
  },
  {
    name: 'doctor-title',
    label: 'NOMBRE_PERSONAL_SANITARIO',
    languages: ['en', 'es'],
    pattern: titled('Dr|Dra|Drs|Doctor|Doctora|Prof|Profa|Professor|Profesor|Profesora'),
    accept: acceptName,
  },
  {
    name: 'courtesy-title',
    label: 'NOMBRE_SUJETO_ASISTENCIA',
    languages: ['en', 'es'],
    pattern: titled('Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|Señor|Señora|Señorita|Don|Doña|Dña|D\\.ª|D\\.'),
    accept: acceptName,
  },
  {
    name: 'staff-keyword',
    label: 'NOMBRE_PERSONAL_SANITARIO',
    languages: ['en', 'es'],
    pattern: new RegExp(
      `\\b(?:Attending|Attending physician|Physician|Provider|PCP|Primary care physician|Surgeon|Resident|Fellow|Nurse|RN|Signed by|Electronically signed by|Dictated by|Referred by|Referring physician|cc|Médico|Médica|Facultativo|Remitido por|Remitida por|Enfermera|Enfermero|Firmado por|Firmado|Cirujano|Residente|Atendido por|Médico responsable)\\s*:\\s*(?:(?:Dr|Dra|Doctor)\\.?\\s+)?${NAME}`,
      'dgu',
    ),
    accept: acceptName,
  },
  {
    name: 'patient-keyword',
    label: 'NOMBRE_SUJETO_ASISTENCIA',
    languages: ['en', 'es'],
    pattern: new RegExp(
      `\\b(?:Patient|Patient name|Name|Nombre|Apellidos|Nombre y apellidos|Paciente|Nombre del paciente)\\s*:\\s*${NAME_OR_UPPER}`,
      'dgu',
    ),
    accept: acceptName,
  },
  {
    name: 'patient-mention',
    label: 'NOMBRE_SUJETO_ASISTENCIA',
    languages: ['en', 'es'],
    pattern: new RegExp(`\\b(?:[Pp]atient|[Pp]aciente|[Ll]a paciente|[Ee]l paciente)\\s+${NAME}`, 'dgu'),
    accept: acceptName,
  },
  {
    name: 'name-before-credential',
    label: 'NOMBRE_PERSONAL_SANITARIO',
    languages: ['en'],
    pattern: new RegExp(`${NAME},?\\s+(?:MD|M\\.D\\.|DO|RN|NP|PA-C|PhD|MBBS|FACS|CNP|DDS)\\b`, 'dgu'),
    // `After NP suctioning`: NP is also nasopharyngeal; words that are only English words are no name.
    accept: (phi, text, start, end) =>
      acceptName(phi, text, start, end) &&
      !phi
        .split(/[\s.]+/u)
        .filter((w) => w.length > 1)
        .every((w) => englishGazetteer().isEnglishWord(w) && !englishGazetteer().isLikelyName(w)),
  },
  {
    name: 'name-before-age',
    label: 'NOMBRE_SUJETO_ASISTENCIA',
    languages: ['en'],
    pattern: new RegExp(`${NAME}\\s+(?:is|was)\\s+an?\\s+\\d{1,3}[- ](?:year|yr|month)`, 'dgu'),
    accept: acceptName,
  },
  {
    name: 'relative-en',
    label: 'FAMILIARES_SUJETO_ASISTENCIA',
    languages: ['en'],
    pattern: new RegExp(
      `\\b(?:[Ww]ife|[Hh]usband|[Ss]on|[Dd]aughter|[Mm]other|[Ff]ather|[Bb]rother|[Ss]ister|[Pp]artner|[Ss]pouse|[Gg]uardian|[Ee]mergency contact|[Nn]ext of kin)\\s*,?:?\\s+${NAME}`,
      'dgu',
    ),
    accept: acceptName,
  },
  {
    name: 'relative-es',
    label: 'FAMILIARES_SUJETO_ASISTENCIA',
    languages: ['es'],
    pattern: new RegExp(
      `\\b(?:[Ss]u esposa|[Ss]u esposo|su marido|su hijo|su hija|su madre|su padre|su hermano|su hermana|su pareja|tutor|tutora|persona de contacto|familiar de contacto)\\s*,?:?\\s+${NAME}`,
      'dgu',
    ),
    accept: acceptName,
  },
];
