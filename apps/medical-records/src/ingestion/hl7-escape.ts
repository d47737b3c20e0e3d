// HL7 v2 escape sequences (HL7 v2.5.1 ch. 2.7, "Use of escape sequences in text fields"), for the
// delimiters a message declares in MSH-1/MSH-2 rather than the customary |^~\&.

export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

/** Decodes \F\ \S\ \T\ \R\ \E\, formatting commands (\.br\ \.sp\ ...), \Xhh..\ and drops \H\ \N\. */
export function decodeHl7Escapes(value: string, d: Hl7Delimiters): string {
  if (!d.escape || !value.includes(d.escape)) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const ch = value[i];
    if (ch !== d.escape) {
      out += ch;
      i += 1;
      continue;
    }
    const close = value.indexOf(d.escape, i + 1);
    if (close < 0) {
      // An escape character with no closing one is literal text (lenient, as most receivers are).
      out += value.slice(i);
      break;
    }
    out += expandEscape(value.slice(i + 1, close), d) ?? value.slice(i, close + 1);
    i = close + 1;
  }
  return out;
}

function expandEscape(sequence: string, d: Hl7Delimiters): string | undefined {
  switch (sequence) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'H': // start / end of highlighting: presentation only
    case 'N':
      return '';
    case '.br':
      return '\n';
  }
  const spaces = /^\.sp(\d*)$/.exec(sequence);
  if (spaces) return '\n'.repeat(Math.max(1, Number(spaces[1] || '1')));
  // Other formatted-text commands (.fi .nf .in .ti .sk .ce) change layout, not content.
  if (/^\.(fi|nf|ce|in[+-]?\d*|ti[+-]?\d*|sk[+-]?\d*)$/.test(sequence)) return '';
  const hex = /^X((?:[0-9A-Fa-f]{2})+)$/.exec(sequence);
  if (hex) return Buffer.from(hex[1], 'hex').toString('utf8');
  return undefined;
}
