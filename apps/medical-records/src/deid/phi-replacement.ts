// Writes the de-identified text: every PHI span replaced (redaction token or surrogate), and the
// findings re-expressed as offsets into the new text.
import type { DeidResult, PhiFinding } from './phi-finding.js';
import type { PhiSpan } from './phi-labels.js';

/** `spans` must be sorted and disjoint (resolveOverlaps output). */
export function replacePhiSpans(
  text: string,
  spans: readonly PhiSpan[],
  replacementFor: (span: PhiSpan, original: string) => string,
): DeidResult {
  let out = '';
  let cursor = 0;
  const findings: PhiFinding[] = [];
  for (const span of spans) {
    if (span.start < cursor || span.end > text.length || span.end <= span.start)
      throw new RangeError('PHI spans must be sorted, disjoint and inside the text');
    out += text.slice(cursor, span.start);
    const replacement = replacementFor(span, text.slice(span.start, span.end));
    findings.push({ type: span.type, start: out.length, end: out.length + replacement.length });
    out += replacement;
    cursor = span.end;
  }
  out += text.slice(cursor);
  return { text: out, findings };
}
