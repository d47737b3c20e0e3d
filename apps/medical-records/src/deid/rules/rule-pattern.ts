// One de-identification rule: a regular expression whose match (or one named group `phi`) is a PHI
// span of a given label, optionally checked by a validator (calendar dates, IP octets, digit counts).
import type { DeidLanguage, PhiType } from '../phi-finding.js';
import { PHI_TYPE_OF_LABEL, type MeddocanLabel, type PhiSpan } from '../phi-labels.js';

export interface PhiRule {
  name: string;
  label: MeddocanLabel;
  /** Overrides the label's PhiType (e.g. a ZIP code is TERRITORIO in MEDDOCAN but ZIP here). */
  type?: PhiType;
  languages: readonly DeidLanguage[];
  /** Must carry the `g` and `d` flags; a named group `phi` narrows the span. */
  pattern: RegExp;
  accept?: (phi: string, text: string, start: number, end: number) => boolean;
}

// An initial or an abbreviation keeps its period (`John A.`, `Main St.`); other final periods end a
// sentence. Only the value's last few characters are looked at (a `$`-anchored test of the whole
// value at each trimmed character would be quadratic in a long value).
function keepsFinalPeriod(label: MeddocanLabel, text: string, start: number, end: number): boolean {
  const from = Math.max(start, end - 8);
  const tail = (from === start ? ' ' : '') + text.slice(from, end);
  if (label === 'CALLE') return /\b(?:St|Ave|Rd|Blvd|Dr|Ln|Ct|Pl|dcha|izda|izq|izqda|dcho)\.$/u.test(tail);
  return PHI_TYPE_OF_LABEL[label] === 'NAME' && /\s\p{Lu}\.$/u.test(tail);
}

export function applyRule(rule: PhiRule, text: string): PhiSpan[] {
  const spans: PhiSpan[] = [];
  rule.pattern.lastIndex = 0;
  for (const m of text.matchAll(rule.pattern)) {
    const range = m.indices?.groups?.phi ?? m.indices?.[0];
    if (!range) continue;
    let [start, end] = range;
    // Trailing sentence punctuation is never part of the value.
    while (end > start && /[\s.,;:)]/u.test(text[end - 1]) && !keepsFinalPeriod(rule.label, text, start, end))
      end--;
    while (start < end && /\s/u.test(text[start])) start++;
    if (end <= start) continue;
    const phi = text.slice(start, end);
    if (rule.accept && !rule.accept(phi, text, start, end)) continue;
    spans.push({
      type: rule.type ?? PHI_TYPE_OF_LABEL[rule.label],
      label: rule.label,
      start,
      end,
      source: 'rule',
    });
  }
  return spans;
}
