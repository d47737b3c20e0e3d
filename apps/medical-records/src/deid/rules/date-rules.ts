// Dates finer than a year (Safe Harbor §164.514(b)(2)(i)(C)): numeric day/month/year in either
// order, ISO dates, month/year, and dates with English or Spanish month names. Bare years are not
// PHI under Safe Harbor and are left to the learnt model (MEDDOCAN annotates them).
import type { PhiRule } from './rule-pattern.js';

export const EN_MONTHS =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
export const ES_MONTHS =
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre';
const ES_MONTHS_SHORT = 'ene|feb|mar|abr|may|jun|jul|ago|sep|sept|oct|nov|dic';
const EN_MONTHS_SHORT = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';

const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';

function validDayMonth(a: number, b: number): boolean {
  const ok = (d: number, m: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= 31;
  return ok(a, b) || ok(b, a);
}

/** `12/03/2016`, `3-12-16`, `12.03.2016`: the separators agree and one reading is a calendar day. */
function acceptNumericDate(phi: string, text: string, start: number, end: number): boolean {
  const m = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/.exec(phi);
  if (!m) return false;
  const [a, b, c] = [Number(m[1]), Number(m[3]), Number(m[4])];
  // Neighbouring digits or slashes mean a ratio, a dose or a lab series, not a date.
  if (/[\d/]/.test(text[start - 1] ?? '') || /[\d/]/.test(text[end] ?? '')) return false;
  // Ventilator settings (`CPAP/PSV 12/10/40%`, `PS 10/5/50`), never a date.
  if (text[end] === '%' || VENT_OR_SCALE_BEFORE.test(text.slice(Math.max(0, start - 12), start)))
    return false;
  if (m[1].length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  if (m[4].length === 3 || m[1].length === 3) return false;
  // Dotted triples of small numbers are version numbers or lab series (1.2.3) unless the year is whole.
  if (m[2] === '.' && m[4].length !== 4) return false;
  return validDayMonth(a, b);
}

// Month/day shapes that notes use for other things: fractions (`1/2 NS`), equal pairs and
// ventilator settings (`CPAP 5/5`, `PS 10/5`), pain scores (`6/10`), percentages.
const NOT_MONTH_DAY = new Set(['1/2', '1/3', '1/4', '2/3', '3/4', '1/5', '2/4']);
const VENT_OR_SCALE_BEFORE =
  /(?:cpap|bipap|peep|psv?|ps\/peep|vent|pain|cp|scale|rates?|as|#|strength|perrla|flowby|o2|sat|settings?|simv|imv|ac|co\/ci(?:\/svr)?|ci|psv of|ps of|cpap of)\W{0,3}$/iu;

function acceptMonthDay(phi: string, text: string, start: number, end: number): boolean {
  const [m, d] = phi.split('/');
  if (NOT_MONTH_DAY.has(phi) || m === d || d === '10' || d === '5')
    return (
      d === '5' &&
      m !== '5' &&
      !NOT_MONTH_DAY.has(phi) &&
      !VENT_OR_SCALE_BEFORE.test(text.slice(Math.max(0, start - 12), start))
    );
  if (
    /^\s*(?:%|mg|mcg|ml|cc|units?|tabs?|amps?|ns|liters?|hours?|hrs?|strength)\b/iu.test(
      text.slice(end, end + 10),
    ) ||
    text[end] === '%'
  )
    return false;
  return !VENT_OR_SCALE_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

export const DATE_RULES: readonly PhiRule[] = [
  {
    // 8/17, 10/3: month and day alone, the commonest date of nursing notes (flowsheet runs).
    name: 'month-day',
    label: 'FECHAS',
    languages: ['en'],
    pattern: /(?<![\w/.-])(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\w/]|[.,]\d)/dgu,
    accept: acceptMonthDay,
  },
  {
    name: 'numeric-date',
    label: 'FECHAS',
    languages: ['en', 'es'],
    pattern: /(?<![\w/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?![\w/])/dgu,
    accept: acceptNumericDate,
  },
  {
    // 3/14 after a preposition of time in any case (`FALL ON 8/10.`, `cath on 9/10.`): a day of a
    // year the note implies (never a ratio or a dose)
    name: 'month-day-in-context',
    label: 'FECHAS',
    languages: ['en'],
    pattern:
      /\b(?:on|since|from|until|till|through|dated|by|before|after|of)\s+(?<phi>(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01]))(?![\w/%]|[.,]\d|\s*(?:mg|mcg|g|ml|units?|tabs?|tablets?|%)\b)/dgiu,
    // `trialed on 5/5`, `PSV of 10/5`, `on 1/2 NS`: ventilator settings and fractions.
    accept: (phi, text, start) => {
      const [m, d] = phi.split('/');
      return (
        m !== d &&
        !NOT_MONTH_DAY.has(phi) &&
        !VENT_OR_SCALE_BEFORE.test(
          text.slice(Math.max(0, start - 20), start).replace(/\s*(?:on|of)\s*$/iu, ''),
        )
      );
    },
  },
  {
    // Ranges of month/day (`6/30-7/2`, `from 10/15-10/16`) and runs of two (`10/03/10/04`): one span,
    // as the gold standard marks them; each side a calendar day, never ventilator settings.
    name: 'month-day-range',
    label: 'FECHAS',
    languages: ['en'],
    pattern:
      /(?<![\w/.-])(?:(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])|(?:0[1-9]|1[0-2])\/(?:0[1-9]|[12]\d|3[01])\/(?:0[1-9]|1[0-2])\/(?:0[1-9]|[12]\d|3[01]))(?![\w/%-]|[.,]\d)/dgu,
    accept: (phi, text, start) => {
      const parts = phi.split(/[-/]/u);
      const days = [`${parts[0]}/${parts[1]}`, `${parts[2]}/${parts[3]}`];
      return (
        days.every((d) => !NOT_MONTH_DAY.has(d) && d.split('/')[0] !== d.split('/')[1]) &&
        !VENT_OR_SCALE_BEFORE.test(text.slice(Math.max(0, start - 12), start))
      );
    },
  },
  {
    // 03/2016, 3-2016: month and year
    name: 'month-year-numeric',
    label: 'FECHAS',
    languages: ['en', 'es'],
    pattern: new RegExp(`(?<![\\w/.-])(?:0?[1-9]|1[0-2])[/-]${YEAR}(?![\\w/])`, 'dgu'),
  },
  {
    // dates written with a month name: March 3, 2019 / 3rd of March 2019 / Mar 2019 / 03-Mar-2019
    name: 'english-month-date',
    label: 'FECHAS',
    languages: ['en'],
    pattern: new RegExp(
      [
        `\\b(?:${EN_MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+${YEAR})?\\b`,
        `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${EN_MONTHS})\\.?(?:,?\\s+${YEAR})?\\b`,
        `\\b(?:${EN_MONTHS})\\.?,?\\s+(?:of\\s+)?${YEAR}\\b`,
      ].join('|'),
      // Any case: notes are written in capitals or in lower case (`MARCH 21`, `march 21, 1899`).
      'dgiu',
    ),
    // `May` alone is also a verb; the patterns require a number beside it, which is enough.
  },
  {
    // Nursing-note forms: `8/87`, `CABG 1/78` (month and two-digit year), `CABG '92`, `CVA 74'`,
    // `on the 11th`, `in sept.`, `28 Oct, 88`, `1->2 nov, 96`.
    name: 'month-two-digit-year',
    label: 'FECHAS',
    languages: ['en'],
    pattern: /(?<![\w/.-])(?:0?[1-9]|1[0-2])\/[5-9]\d(?![\w/%]|[.,]\d)/dgu,
    accept: (phi, text, start, end) =>
      !VENT_OR_SCALE_BEFORE.test(text.slice(Math.max(0, start - 12), start)) &&
      !/^\s*(?:%|mg|mcg|ml|cc|units?|mmhg|bpm)\b/iu.test(text.slice(end, end + 8)),
  },
  {
    name: 'apostrophe-year',
    label: 'FECHAS',
    languages: ['en'],
    pattern: /(?<![\w'’])['’](?<phi>\d{2})(?![\w'’])/dgu,
  },
  {
    name: 'year-apostrophe',
    label: 'FECHAS',
    languages: ['en'],
    pattern: /(?<![\w'’./-])(?<!\b(?:HOB|hob|X|x|for|FOR|q|Q|@)\s*)(?<phi>\d{2})['’](?![\w'’])/dgu,
  },
  {
    name: 'ordinal-day',
    label: 'FECHAS',
    languages: ['en'],
    // `on the 11th`, `since the 2nd`, `drawn on the 3rd.`; not `the 4th ventricle`, `1st step bed`.
    pattern:
      /\b(?:on|since|until|till|by|before|after)\s+(?:the\s+)?(?<phi>(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b(?!\s*(?:time|day|dose|hour|attempt|try|episode|unit|bag|liter|round|cycle|step|one|floor|space|ventricle|rib|ics|degree|grade|set|pass|line))/dgiu,
  },
  {
    name: 'ordinal-day-the',
    label: 'FECHAS',
    languages: ['en'],
    pattern: /\bthe\s+(?<phi>(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th))(?=\s*(?:[.,;)]|$|of\b|at\b|and\b))/dgimu,
  },
  {
    // A month alone after a preposition of time (`in sept.`, `since March`); `May` is also a verb.
    name: 'month-name-alone',
    label: 'FECHAS',
    languages: ['en'],
    pattern:
      /\b(?:in|since|during|early|late|mid|end of|beginning of|until|till|last|next|this past)\s+(?<phi>(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|december)\.?)(?![\p{L}])/dgiu,
  },
  {
    name: 'english-short-month-date',
    label: 'FECHAS',
    languages: ['en'],
    pattern: new RegExp(
      `\\b\\d{1,2}[-/ ](?:${EN_MONTHS_SHORT})\\.?(?:[-/ ]|,\\s*)(?:${YEAR}|\\d{2})\\b`,
      'dgiu',
    ),
  },
  {
    name: 'spanish-month-date',
    label: 'FECHAS',
    languages: ['es'],
    pattern: new RegExp(
      [
        `\\b\\d{1,2}\\s+de\\s+(?:${ES_MONTHS})(?:\\s+(?:de|del)\\s+(?:${YEAR}|\\d{2}))?\\b`,
        `\\b(?:${ES_MONTHS})\\s+(?:de|del)\\s+${YEAR}\\b`,
        `\\b(?:${ES_MONTHS})\\s+${YEAR}\\b`,
        `\\b\\d{1,2}[-/ ](?:${ES_MONTHS_SHORT})\\.?[-/ ](?:${YEAR}|\\d{2})\\b`,
      ].join('|'),
      'dgiu',
    ),
  },
];
