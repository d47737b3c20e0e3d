// Union of PHI spans from several detectors with overlaps resolved: of two overlapping spans the
// longer wins (it covers more of the value, so less leaks), ties go to the earlier detector in the
// list (rules for structured values, the model for the rest). The result is sorted and disjoint.
import type { PhiSpan } from './phi-labels.js';

export function resolveOverlaps(
  spans: readonly PhiSpan[],
  priority: (s: PhiSpan) => number = () => 0,
): PhiSpan[] {
  const ranked = spans
    .filter((s) => s.end > s.start)
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) => b.s.end - b.s.start - (a.s.end - a.s.start) || priority(b.s) - priority(a.s) || a.i - b.i,
    );
  const kept: PhiSpan[] = [];
  for (const { s } of ranked) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}
