// Union of PHI spans from several detectors with overlaps resolved: of two overlapping spans the
// longer wins (it covers more of the value, so less leaks), ties go to the earlier detector in the
// list (rules for structured values, the model for the rest). The result is sorted and disjoint.
// Linear in the text: kept characters are marked in one array, and every candidate is checked
// against its own characters only (detectors return disjoint spans each, so the sum of candidate
// lengths is at most detectors x text length).
import type { PhiSpan } from './phi-labels.js';

export function resolveOverlaps(
  spans: readonly PhiSpan[],
  priority: (s: PhiSpan) => number = () => 0,
): PhiSpan[] {
  const ranked = spans
    .filter((s) => s.end > s.start)
    .map((s, i) => ({ s, i, p: priority(s) }))
    .sort((a, b) => b.s.end - b.s.start - (a.s.end - a.s.start) || b.p - a.p || a.i - b.i);
  let size = 0;
  for (const { s } of ranked) size = Math.max(size, s.end);
  const taken = new Uint8Array(size);
  const kept: PhiSpan[] = [];
  for (const { s } of ranked) {
    if (overlapsTaken(taken, s.start, s.end)) continue;
    taken.fill(1, s.start, s.end);
    kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Whether any character of [start, end) is marked. */
export function overlapsTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (taken[k] === 1) return true;
  return false;
}
