// Street addresses, ZIP / postal codes and towns given with an address: Spanish street types
// (calle, c/, avda., plaza, paseo...), English number + name + street suffix, ZIP after a state
// or keyword, Spanish CP. Geographic units smaller than a state are PHI under Safe Harbor.
import type { PhiRule } from './rule-pattern.js';

const ES_STREET =
  'C/|c/|Calle|C\\.|Avda\\.?|Avenida|Av\\.|Plaza|Pza\\.?|Pl\\.|Paseo|Pº|P\\.º|Camino|Ctra\\.?|Carretera|Travesía|Ronda|Glorieta|Urbanización|Urb\\.|Rúa|Rua|Vía|Pasaje|Bulevar|Polígono';
// Street name words: capitalised or particles (de, del, la, los, las, y), or a name in digits (Calle 5).
// Each word takes its whole letter run (the lookahead), so a run of capitals is never re-cut into
// up to seven words in every possible way (polynomial backtracking).
const ES_NAME =
  "(?:(?:de|del|la|las|los|el|y|d')\\s+|\\p{Lu}[\\p{L}.'’-]*(?![\\p{L}.'’-])\\s*|\\d+\\s+(?=de\\b))";
const ES_NUMBER =
  '(?:,?\\s*(?:n\\.?\\s?º\\s*|nº\\s*|núm\\.?\\s*|número\\s*)?(?:\\d+[A-Za-z]?(?:[-/]\\d+)?|s/n|S/N)(?:,?\\s*(?:\\d+º|\\d+ª|\\d+\\s?[A-Z]\\b|bajo|ático|esc\\.?\\s*\\w+|piso\\s+\\d+|puerta\\s+\\w+|[1-9]º\\s?[A-Z]?)(?:\\s*(?:dcha|izda|izq|dcho|izqda)\\.?)?)*)';

const EN_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl';
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';

export const ADDRESS_RULES: readonly PhiRule[] = [
  {
    name: 'spanish-street',
    label: 'CALLE',
    // Not English: there `C/O`, `C.O.` and `C/S` are complaints of, cardiac output and culture.
    languages: ['es'],
    pattern: new RegExp(`(?<![\\p{L}])(?:${ES_STREET})\\s*${ES_NAME}{1,7}?${ES_NUMBER}`, 'dgu'),
  },
  {
    name: 'english-street',
    label: 'CALLE',
    languages: ['en'],
    pattern: new RegExp(
      `\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:\\p{Lu}[\\p{L}'-]*\\s+|\\d+(?:st|nd|rd|th)\\s+){1,4}(?:${EN_SUFFIX})\\b\\.?(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?\\w+)?`,
      'dgu',
    ),
  },
  {
    name: 'po-box',
    label: 'CALLE',
    languages: ['en'],
    pattern: /\bP\.?\s?O\.?\s+Box\s+\d+/dgiu,
  },
  {
    // Springfield, IL 62704: the town and the ZIP are PHI, the state is not.
    name: 'us-town-before-state',
    label: 'TERRITORIO',
    languages: ['en'],
    pattern: new RegExp(
      `(?<phi>\\p{Lu}[\\p{Ll}]+(?:\\s\\p{Lu}[\\p{Ll}]+){0,2}),\\s+(?:${US_STATES})\\s+\\d{5}(?:-\\d{4})?\\b`,
      'dgu',
    ),
  },
  {
    name: 'us-zip',
    label: 'TERRITORIO',
    type: 'ZIP',
    languages: ['en'],
    pattern: new RegExp(
      `\\b(?:(?:${US_STATES})\\s+|ZIP(?:\\s*code)?\\s*(?::\\s*)?)(?<phi>\\d{5}(?:-\\d{4})?)\\b`,
      'dgu',
    ),
  },
  {
    name: 'spanish-postal-code',
    label: 'TERRITORIO',
    type: 'ZIP',
    languages: ['es'],
    pattern:
      /\b(?:CP|C\.P\.|código postal|cod\. postal)\s*(?::\s*)?(?<phi>\d{5})\b|\b(?:0[1-9]|[1-4]\d|5[0-2])\d{3}(?=\s+\p{Lu}\p{Ll}+)/dgu,
  },
  {
    name: 'english-hospital',
    label: 'HOSPITAL',
    languages: ['en'],
    pattern:
      /(?<![\p{L}'-])(?<phi>(?:St\.\s+)?(?:(?!(?:FROM|TO|AT|IN|OF|ADMITTED|TRANSFERRED|TX'D|BROUGHT|HIM|HER|OUTPUT|URINE|MALE|FEMALE|PT|THE|AND|WITH|VIA|CALLED)\s)\p{Lu}[\p{L}'-]+\s+){0,3}(?:(?!(?:FROM|TO|AT|IN|OF|ADMITTED|TRANSFERRED|TX'D|BROUGHT|HIM|HER|OUTPUT|URINE|MALE|FEMALE|PT|THE|AND|WITH|VIA|CALLED)\s)\p{Lu}[\p{L}'-]+))\s+(?:Hospital|HOSPITAL|Hosp|HOSP|Medical Center|Medical Centre|Clinic|Health Center|Health Centre|Infirmary|Health System|Nursing Home|Rehabilitation Center|Family Medicine|Family Practice|Medical Group|Urgent Care)\b/dgu,
    accept: (phi) =>
      !/^(?:The|A|An|Our|This|Outside|Local|General|Community|Regional|OUTSIDE|LOCAL)\s/u.test(`${phi} `) ||
      /\s\p{Lu}/u.test(phi.slice(4)),
  },
  {
    // Hospitals by their abbreviation in notes (`transferred to GH`, `VAMC`); not growth hormone.
    name: 'hospital-abbreviation',
    label: 'HOSPITAL',
    languages: ['en'],
    pattern:
      /(?<![\p{L}\d])(?:GH|gh|VAMC|vamc)(?![\p{L}\d])(?!\s*(?:deficiency|level|therapy|replacement|stimulation|secretion|axis))/dgiu,
  },
  {
    name: 'english-town-keyword',
    label: 'TERRITORIO',
    languages: ['en'],
    pattern:
      /\b(?:lives in|living in|resides in|moved from|moved to|born in|a resident of|from the town of|[Oo]riginally from|[Hh]ails from)\s+(?<phi>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2})/dgu,
  },
  {
    name: 'spanish-town-keyword',
    label: 'TERRITORIO',
    languages: ['es'],
    pattern:
      /\b(?:Localidad|Provincia|Municipio|Población|Ciudad|Localidad\/\s?Provincia)\s*:\s*(?<phi>\p{Lu}[\p{L}'-]+(?:\s(?:de\s|del\s|la\s)?\p{Lu}[\p{L}'-]+){0,3})/dgu,
  },
];
