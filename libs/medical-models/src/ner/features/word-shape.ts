// Orthographic word features used in biomedical NER since Collins (2002) and BANNER (Leaman &
// Gonzalez 2008): word shape (Aa1 classes), its collapsed form, and character classes.

/** `IL-2` -> `XX-d`, `HbA1c` -> `XxXdx`; letters by case, digits as d, other characters kept. */
export function wordShape(word: string, maxLength = 12): string {
  let out = '';
  for (const ch of word) {
    if (out.length >= maxLength) break;
    out += shapeClass(ch);
  }
  return out;
}

/** Repeats collapsed: `Selegiline` -> `Xx`, `5-fluorouracil` -> `d-x`. */
export function shortWordShape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const c = shapeClass(ch);
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

function shapeClass(ch: string): string {
  if (/\p{Lu}/u.test(ch)) return 'X';
  if (/\p{Ll}/u.test(ch)) return 'x';
  if (/\p{L}/u.test(ch)) return 'x';
  if (/\p{N}/u.test(ch)) return 'd';
  if (/\p{M}/u.test(ch)) return '';
  return ch;
}

/** Coarse orthographic flags of a token, as feature names. */
export function orthographicFlags(word: string): string[] {
  const flags: string[] = [];
  if (/^\p{Lu}+$/u.test(word)) flags.push('allcaps');
  else if (/^\p{Lu}\p{Ll}+$/u.test(word)) flags.push('initcap');
  else if (hasLowerThenUpper(word)) flags.push('mixedcase');
  if (/\p{N}/u.test(word)) flags.push(/^\p{N}+$/u.test(word) ? 'number' : 'hasdigit');
  if (/^[^\p{L}\p{N}]+$/u.test(word)) flags.push('punct');
  else if (/[-/+]/u.test(word)) flags.push('joined');
  if (/^\p{L}*(?:[αβγδκ]|alpha|beta|gamma|delta|kappa)/iu.test(word)) flags.push('greek');
  const n = [...word].length;
  flags.push(n <= 2 ? 'len<=2' : n <= 4 ? 'len<=4' : n <= 8 ? 'len<=8' : 'len>8');
  return flags;
}

// Was /\p{Ll}.*\p{Lu}|\p{Lu}.*\p{Ll}.*\p{Lu}/u (the second branch implies the first), which
// rescans from every lower-case letter: quadratic on one long lower-case token. One pass instead;
// a line terminator resets, as `.` did not cross one.
function hasLowerThenUpper(word: string): boolean {
  let sawLower = false;
  for (const ch of word) {
    if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') sawLower = false;
    else if (!sawLower) sawLower = /\p{Ll}/u.test(ch);
    else if (/\p{Lu}/u.test(ch)) return true;
  }
  return false;
}
