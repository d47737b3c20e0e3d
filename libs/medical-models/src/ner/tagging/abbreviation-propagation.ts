// Document-level abbreviation handling: when the tagger finds a long form followed by its short
// form in parentheses, "diethylstilbestrol (DES)", every later "DES" in the document gets the long
// form's type. Short/long form pairs are validated by the algorithm of Schwartz & Hearst (2003, "A
// simple algorithm for identifying abbreviation definitions in biomedical text", PSB), as tmChem
// and TaggerOne do. Only forward: an abbreviation is defined before it is used.

export interface ScoredSpan {
  type: string;
  start: number;
  end: number;
  confidence: number;
}

export interface TaggedWords {
  words: readonly string[];
  spans: ScoredSpan[];
}

const SHORT_FORM = /^(?=.*\p{L})(?=.*\p{Lu})[\p{L}\p{N}][\p{L}\p{N}-]{1,9}$/u;

/** Schwartz & Hearst: every letter/digit of the short form, right to left, occurs in order in the
 * long form, and the short form's first character starts a word of the long form. */
export function isAbbreviationOf(shortForm: string, longForm: string): boolean {
  const sf = shortForm.toLowerCase();
  const lf = longForm.toLowerCase();
  let s = sf.length - 1;
  let l = lf.length - 1;
  const alnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  while (s >= 0) {
    const c = sf[s];
    if (!alnum(c)) {
      s--;
      continue;
    }
    while (l >= 0 && (lf[l] !== c || (s === 0 && l > 0 && alnum(lf[l - 1])))) l--;
    if (l < 0) return false;
    l--;
    s--;
  }
  return lf.length > sf.length;
}

interface Definition {
  shortForm: string;
  type: string;
  confidence: number;
}

function definitionsIn({ words, spans }: TaggedWords): Definition[] {
  const found: Definition[] = [];
  for (const span of spans) {
    const sf = words[span.end + 1];
    if (words[span.end] !== '(' || words[span.end + 2] !== ')' || sf === undefined) continue;
    if (!SHORT_FORM.test(sf)) continue;
    if (!isAbbreviationOf(sf, words.slice(span.start, span.end).join(' '))) continue;
    found.push({ shortForm: sf, type: span.type, confidence: span.confidence });
  }
  return found;
}

/**
 * Applies definitions from each sentence to it and the next `window` sentences (Infinity: the
 * rest of the document). Untagged occurrences become entities; single-token entities of another
 * type are retyped. Returns new span lists; the input is not modified. Spans of a sentence are
 * disjoint, as a decoder gives them.
 *
 * One pass over the words: each short form keeps its live definitions in order, so an occurrence
 * takes its type from the latest and, when it was untagged, its confidence from the earliest one
 * (what applying every definition in turn gives). Applying each definition to every later sentence
 * was quadratic in a document that defines many abbreviations.
 */
export function propagateAbbreviations(sentences: readonly TaggedWords[], window: number): ScoredSpan[][] {
  const out = sentences.map((s) => s.spans.map((span) => ({ ...span })));
  const byShortForm = new Map<string, { defs: LiveDefinition[]; head: number }>();
  const all: LiveDefinition[] = [];
  let allHead = 0;
  sentences.forEach((sentence, j) => {
    for (const def of definitionsIn(sentence)) {
      const live = { ...def, sentence: j };
      all.push(live);
      const entry = byShortForm.get(def.shortForm) ?? { defs: [], head: 0 };
      entry.defs.push(live);
      byShortForm.set(def.shortForm, entry);
    }
    while (allHead < all.length && j - all[allHead].sentence > window) allHead++;
    if (allHead === all.length) return;
    const spans = out[j];
    const cover = new Array<ScoredSpan | undefined>(sentence.words.length);
    for (const span of spans) for (let k = span.start; k < span.end; k++) cover[k] ??= span;
    sentence.words.forEach((word, k) => {
      const entry = byShortForm.get(word);
      if (!entry) return;
      while (entry.head < entry.defs.length && j - entry.defs[entry.head].sentence > window) entry.head++;
      if (entry.head === entry.defs.length) return;
      const type = entry.defs[entry.defs.length - 1].type;
      const hit = cover[k];
      if (!hit) {
        const added = { type, start: k, end: k + 1, confidence: entry.defs[entry.head].confidence };
        spans.push(added);
        cover[k] = added;
      } else if (hit.start === k && hit.end === k + 1) hit.type = type;
    });
    spans.sort((a, b) => a.start - b.start);
  });
  return out;
}

interface LiveDefinition extends Definition {
  sentence: number;
}
