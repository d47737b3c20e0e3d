// Document-level propagation of names: a name found once in a cue-rich place (`Patient: Fatima
// Kowalski`, `Dr. Pham`) is PHI wherever else it occurs in the same document, cue or not
// (`Discussed with Fatima`). Standard in de-identification systems since the i2b2 2006 challenge
// (e.g. Gardner & Xiong's HIDE, Dernoncourt et al. 2017's post-processing). Word by word, so a
// surname alone is found too; adjacent found words become one span.
import type { PhiSpan } from './phi-labels.js';
import { acceptName } from './rules/name-rules.js';

const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'y',
  'van',
  'von',
  'der',
  'da',
  'di',
  'le',
  'el',
]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function propagateNames(text: string, spans: readonly PhiSpan[]): PhiSpan[] {
  const words = new Map<string, PhiSpan>();
  for (const s of spans) {
    if (s.type !== 'NAME') continue;
    for (const w of text.slice(s.start, s.end).split(/[\s,]+/u)) {
      if (w.length >= 3 && /^\p{Lu}\p{Ll}/u.test(w) && !PARTICLES.has(w.toLowerCase()) && !words.has(w))
        words.set(w, s);
    }
  }
  if (words.size === 0) return [...spans];
  const taken = new Uint8Array(text.length);
  for (const s of spans) taken.fill(1, s.start, s.end);
  const found: PhiSpan[] = [];
  for (const [word, source] of words) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + word.length;
      if (taken.subarray(start, end).some((v) => v === 1)) continue;
      if (!acceptName(word, text, start, end)) continue;
      taken.fill(1, start, end);
      found.push({ ...source, start, end, source: source.source });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const merged: PhiSpan[] = [];
  for (const f of found) {
    const last = merged[merged.length - 1];
    if (last && /^[ \t]+$/u.test(text.slice(last.end, f.start)) && last.label === f.label) last.end = f.end;
    else merged.push({ ...f });
  }
  return [...spans, ...merged].sort((a, b) => a.start - b.start);
}
