// Word tokenizer for clinical and biomedical text that keeps units whole which generic tokenizers
// break apart: chemical names with locants (`5-fluorouracil`, `N-acetyl-L-cysteine`), gene and
// disease codes (`IL-2`, `COVID-19`, `HbA1c`), doses and units (`2.5mg`, `mg/dL`), karyotypes
// (`t(9;22)`), ions (`Ca2+`) and Latin abbreviations (`b.i.d.`). It still splits relational
// compounds (`cocaine-induced` -> `cocaine` `-` `induced`) because entity boundaries fall there, and
// apostrophe-s (`Parkinson` `'s`), as Penn Treebank does.
// One left-to-right scan; every token is a slice of the input with exact UTF-16 offsets.
import type { Token, Tokenizer } from './token.js';

// Latin and clinical abbreviations written with internal periods; matched case-insensitively.
const LATIN_ABBREVIATIONS = [
  'b.i.d.',
  't.i.d.',
  'q.i.d.',
  'q.d.',
  'q.o.d.',
  'q.h.s.',
  'q.a.m.',
  'q.p.m.',
  'p.r.n.',
  'p.o.',
  'p.r.',
  'i.v.',
  'i.m.',
  'i.p.',
  'i.c.v.',
  's.c.',
  's.l.',
  'h.s.',
  'a.c.',
  'p.c.',
  'a.m.',
  'p.m.',
  'e.g.',
  'i.e.',
  'cf.',
  'vs.',
  'approx.',
  'et al.',
];

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longest first so `q.h.s.` wins over `h.s.`; a letter or digit right after means it is not one.
const LATIN = new RegExp(
  `(?:${[...LATIN_ABBREVIATIONS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'iuy',
);

// Chromosomal rearrangements (ISCN): t(9;22), t(9;22)(q34;q11), del(5q), inv(16), der(22).
const KARYOTYPE =
  /(?:t|der|del|dup|inv|ins)\([\dXYxy]{1,2}[pq]?\d*(?:;[\dXYxy]{1,2}[pq]?\d*)*\)(?:\([pq][\d.]+(?:;[pq][\d.]+)*\))?/uy;

const MASS_OR_AMOUNT =
  'mg|g|kg|mcg|µg|μg|ug|ng|pg|ml|mL|µl|µL|ul|uL|l|L|dl|dL|IU|iu|U|mmol|µmol|μmol|umol|nmol|pmol|mol|mEq|meq|mM|µM|μM|uM|nM|pM|M|cells|copies';
const PER = 'dL|dl|L|l|mL|ml|µL|uL|kg|g|min|h|hr|d|day|wk|week|m2|m²|mm3|mm²|mm|hpf|24h|dose';
// Units with a denominator: mg/dL, mmol/L, mg/kg/day, mL/min/1.73m2.
const UNIT = new RegExp(
  `(?:${MASS_OR_AMOUNT})(?:\\/(?:\\d+(?:\\.\\d+)?)?(?:${PER}))+(?![\\p{L}\\p{N}])`,
  'uy',
);
// A dose written without a space: 2.5mg, 10mg/kg, 0.9%.
const DOSE = new RegExp(
  `\\d+(?:[.,]\\d+)?(?:${MASS_OR_AMOUNT}|%)(?:\\/(?:\\d+(?:\\.\\d+)?)?(?:${PER}))*(?![\\p{L}\\p{N}])`,
  'uy',
);
// Ions and charges: Ca2+, Na+, Fe3+, Mg2+ (an element symbol, optional count, then +).
const ION = /[A-Z][a-z]?\d?\+(?![\p{L}\p{N}])/uy;
// Decimal numbers and thousands stay whole: 7.5, 0.05, 1,000 (not a trailing sentence period).
const NUMBER = /\d+(?:[.,]\d+)+(?![\p{L}'\-\u2010\u2011])/uy;

// Word segments (letters, digits, combining marks) and the hyphens that may join them; primes
// stay on a locant (2'-deoxy...), a comma-separated locant list opens a chemical name (1,2-...).
const WORD_SEGMENT = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/uy;
const LOCANT_LIST = /\d+'*(?:,\d+'*)+(?=[-\u2010\u2011]\p{L})/uy;
const JOINER = /('*)[-\u2010\u2011]/uy;
const POSSESSIVE = /(?<=[\p{L}\p{N}])['\u2019]s(?![\p{L}\p{N}])/iuy;
const LEADING_MARKS = /\p{M}+/uy;
const SINGLE = /[\s\S]\p{M}*/uy;
const SPACE = /\s+/uy;
const GREEK =
  /^(?:alpha|beta|gamma|delta|epsilon|kappa|lambda|mu|omega|theta|sigma|tau|zeta|eta|iota|rho|phi|chi|psi|xi|pi|[α-ω])$/iu;
// Chemical name prefixes that bind to what follows (IUPAC stereo and position descriptors).
const CHEMICAL_PREFIX = /^(?:cis|trans|tert|sec|iso|neo|nor|ortho|meta|para|endo|exo|syn|bis|tris)$/iu;
// Words that relate a preceding entity to something: the entity ends at the hyphen.
const RELATIONAL_WORD =
  /^(?:\p{Ll}+(?:ed|ing|ent|ant|ive|ible|able|ous|fold|like|free|related|specific)|like|free|fold|type|rich|poor|naive|prone)$/u;

function isLocant(segment: string): boolean {
  return (
    /^\d+'*(?:,\d+'*)*$/u.test(segment) ||
    /^\p{L}'*(?:,\p{L}'*)*$/u.test(segment) ||
    /^(?:DL|NH|[NOS]\d?'*)(?:,[NOS]\d?'*)*$/u.test(segment)
  );
}

// Keep `left-right` together unless right is an ordinary lowercase word after a word that is not a
// locant or prefix (`cocaine-induced`, `dose-dependent`), or a relational word after anything but
// a one-letter locant (`5-FU-induced` -> `5-FU` `-` `induced`, `COVID-19-related`).
function keepsHyphenJoined(left: string, right: string): boolean {
  const rightIsWord = /^\p{Ll}[\p{Ll}\p{M}]{2,}$/u.test(right);
  if (!rightIsWord) return true;
  const leftBinds = isLocant(left) || GREEK.test(left) || CHEMICAL_PREFIX.test(left);
  if (!leftBinds) return false;
  if (RELATIONAL_WORD.test(right) && !/^\p{L}$/u.test(left) && !GREEK.test(left)) return false;
  return true;
}

function matchAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

export class MedicalTokenizer implements Tokenizer {
  readonly name = 'medical';

  tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    this.scan(text, 0, Infinity, tokens);
    return tokens;
  }

  // The scan's only state is the position, so it can stop between tokens and resume there.
  scan(text: string, from: number, maxTokens: number, tokens: Token[]): number {
    const push = (start: number, end: number): void => {
      tokens.push({ text: text.slice(start, end), start, end });
    };
    const stopAt = tokens.length + maxTokens;
    let i = from;
    while (i < text.length && tokens.length < stopAt) {
      const space = matchAt(SPACE, text, i);
      if (space > 0) {
        i = space;
        continue;
      }
      const special = this.matchSpecialUnit(text, i);
      if (special > i) {
        push(i, special);
        i = special;
        continue;
      }
      if (matchAt(WORD_SEGMENT, text, i) > 0) {
        i = this.scanCompound(text, i, push);
        continue;
      }
      // Combining marks with no base (after a space or punctuation) stay with the run they form.
      const marks = matchAt(LEADING_MARKS, text, i);
      const end = marks > 0 ? marks : matchAt(SINGLE, text, i);
      push(i, end);
      i = end;
    }
    return i;
  }

  private matchSpecialUnit(text: string, at: number): number {
    let best = -1;
    for (const re of [LATIN, KARYOTYPE, UNIT, DOSE, ION, NUMBER, POSSESSIVE])
      best = Math.max(best, matchAt(re, text, at));
    return best;
  }

  // Scans hyphen-joined segments (`N-acetyl-L-cysteine`) and emits them as one or more tokens.
  private scanCompound(text: string, at: number, push: (start: number, end: number) => void): number {
    const segments: { start: number; end: number }[] = [];
    let i = at;
    for (;;) {
      const locants = segments.length === 0 ? matchAt(LOCANT_LIST, text, i) : -1;
      const end = locants > 0 ? locants : matchAt(WORD_SEGMENT, text, i);
      segments.push({ start: i, end });
      JOINER.lastIndex = end;
      const joiner = JOINER.exec(text);
      if (!joiner || matchAt(WORD_SEGMENT, text, JOINER.lastIndex) < 0) break;
      segments[segments.length - 1].end = end + joiner[1].length;
      i = end + joiner[0].length;
    }
    let tokenStart = segments[0].start;
    for (let k = 1; k < segments.length; k++) {
      const left = text.slice(segments[k - 1].start, segments[k - 1].end);
      const right = text.slice(segments[k].start, segments[k].end);
      if (keepsHyphenJoined(left.replace(/'+$/u, ''), right)) continue;
      push(tokenStart, segments[k - 1].end);
      push(segments[k - 1].end, segments[k].start);
      tokenStart = segments[k].start;
    }
    const last = segments[segments.length - 1].end;
    push(tokenStart, last);
    return last;
  }
}
