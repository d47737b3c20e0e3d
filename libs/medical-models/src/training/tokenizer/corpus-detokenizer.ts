// Rebuilds running text from a corpus' pre-split tokens (BC5CDR/NCBI IOB files split at every
// punctuation mark), so tokenizers can be compared on text as written: `Selegiline - induced` ->
// `Selegiline-induced`, `Parkinson ' s` -> `Parkinson's`, `( PD )` -> `(PD)`. Offsets of every
// corpus token in the rebuilt text are kept, so gold spans project onto any tokenization.
import type { Token } from '../../tokenizer/token.js';

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', ')', ']', '}', '%', '?', '!', '-', '/', "'"]);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '-', '/']);

export interface DetokenizedSentence {
  text: string;
  /** The corpus tokens, in order, with their offsets in `text`. */
  tokens: Token[];
}

export function detokenize(words: readonly string[]): DetokenizedSentence {
  let text = '';
  const tokens: Token[] = [];
  words.forEach((word, k) => {
    const prev = k > 0 ? words[k - 1] : undefined;
    // `'` then `s` is a possessive; `'` elsewhere (quotes, primes) keeps its spacing.
    const glue =
      prev === undefined ||
      NO_SPACE_BEFORE.has(word) ||
      NO_SPACE_AFTER.has(prev) ||
      (prev === "'" && /^s$/i.test(word));
    if (!glue) text += ' ';
    tokens.push({ text: word, start: text.length, end: text.length + word.length });
    text += word;
  });
  return { text, tokens };
}
