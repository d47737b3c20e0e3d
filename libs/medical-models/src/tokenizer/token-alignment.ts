// Offsets for tokenizers that return bare strings (natural's), and re-splitting of tokens at given
// character boundaries so that a tokenizer's output lines up with a corpus' own tokens or spans.
import type { Token } from './token.js';

/**
 * Finds each string in order in the text and returns it with its offsets. Strings that are not a
 * slice of the text (a tokenizer that rewrote them) are dropped: offsets must be exact or absent.
 * Found pieces scan the text once in all (the cursor only moves on); a piece missing from some
 * cursor on is missing from every later one, so each distinct missing piece is searched for once
 * (treebank rewrites quotes: a run of them rescanned the rest of the text for every quote).
 */
export function locateTokens(text: string, pieces: readonly string[]): Token[] {
  const tokens: Token[] = [];
  const missing = new Set<string>();
  let cursor = 0;
  for (const piece of pieces) {
    if (piece === '' || missing.has(piece)) continue;
    const start = text.indexOf(piece, cursor);
    if (start < 0) {
      missing.add(piece);
      continue;
    }
    const end = start + piece.length;
    tokens.push({ text: piece, start, end });
    cursor = end;
  }
  return tokens;
}

/**
 * Splits every token that has a boundary strictly inside it, so each boundary falls between tokens.
 * Used for training: re-split at a corpus' token (or gold span) boundaries, labels project exactly.
 * `source` is the text the tokens are slices of; boundaries inside a surrogate pair are ignored.
 */
export function resplitAtBoundaries(
  source: string,
  tokens: readonly Token[],
  boundaries: Iterable<number>,
): Token[] {
  const cuts = [...new Set(boundaries)].sort((a, b) => a - b);
  const out: Token[] = [];
  let c = 0;
  for (const token of tokens) {
    while (c < cuts.length && cuts[c] <= token.start) c++;
    let start = token.start;
    for (let k = c; k < cuts.length && cuts[k] < token.end; k++) {
      const cut = cuts[k];
      if (isInsideSurrogatePair(source, cut)) continue;
      out.push({ text: source.slice(start, cut), start, end: cut });
      start = cut;
    }
    out.push(start === token.start ? token : { text: source.slice(start, token.end), start, end: token.end });
  }
  return out;
}

function isInsideSurrogatePair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
