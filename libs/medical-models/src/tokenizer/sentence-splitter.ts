// Groups tokens into sentences for the tagger, which was trained on sentences: a break after
// sentence-final punctuation followed by space and a capital, digit or bracket, and at every line
// break (clinical notes put list items and headings on their own lines). Latin abbreviations such
// as `b.i.d.` are single tokens, so their periods never end a sentence. Very long runs are cut.
import type { Token } from './token.js';

const FINAL = new Set(['.', '!', '?']);
const OPENS_SENTENCE = /^[\p{Lu}\p{N}([\u201c"']/u;

export function splitSentences(text: string, tokens: readonly Token[], maxTokens = 200): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  const flush = (): void => {
    if (current.length > 0) sentences.push(current);
    current = [];
  };
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (current.length > 0) {
      const prev = current[current.length - 1];
      const gap = text.slice(prev.end, token.start);
      const newline = /[\n\r\u2028\u2029]/u.test(gap);
      const afterFinal = FINAL.has(prev.text) && gap.length > 0 && OPENS_SENTENCE.test(token.text);
      if (newline || afterFinal || current.length >= maxTokens) flush();
    }
    current.push(token);
  }
  flush();
  return sentences;
}
