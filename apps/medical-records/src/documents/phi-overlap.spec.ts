import fc from 'fast-check';
import { withoutPhiOverlap } from './documents.service.js';

describe('withoutPhiOverlap', () => {
  // Disjoint findings (replacements) and arbitrary entities, as extraction gives them (by start).
  const spans = (max: number) =>
    fc
      .array(fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 12 })), { maxLength: max })
      .map((raw) => raw.map(([start, length]) => ({ start, end: start + length })));
  const disjoint = spans(30).map((raw) => {
    const out: { start: number; end: number }[] = [];
    let free = 0;
    for (const s of [...raw].sort((a, b) => a.start - b.start)) {
      if (s.start < free) continue;
      out.push(s);
      free = s.end;
    }
    return out.reverse(); // any order in
  });

  it('keeps exactly the entities that overlap no finding, in order, in one sweep', () => {
    fc.assert(
      fc.property(
        spans(30).map((e) => e.sort((a, b) => a.start - b.start)),
        disjoint,
        (entities, findings) => {
          const expected = entities.filter((e) => !findings.some((f) => e.start < f.end && f.start < e.end));
          expect(withoutPhiOverlap(entities, findings)).toEqual(expected);
        },
      ),
      { numRuns: 500, seed: 17 },
    );
  });
});
