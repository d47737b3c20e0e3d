// Tokens and sentences for the de-identification tagger. The medical tokenizer keeps codes such as
// `nhc-739146` whole, but there the PHI is the number alone, so tokens are also cut between a
// letter run and a digit run joined by a hyphen, and before a glued `Nº`. Sentences break at line
// breaks and sentence ends, but not after the abbreviations that sit inside addresses and names
// (`Avda. Carlos Haya`, `Dr. Peset`, `Pablo L. Guzmán`).
import { MedicalTokenizer } from '../../tokenizer/medical-tokenizer.js';
import { splitSentences } from '../../tokenizer/sentence-splitter.js';
import { resplitAtBoundaries } from '../../tokenizer/token-alignment.js';
import type { Token, Tokenizer } from '../../tokenizer/token.js';

export class DeidTokenizer implements Tokenizer {
  readonly name = 'medical-deid';
  private readonly base = new MedicalTokenizer();

  tokenize(text: string): Token[] {
    const tokens = capTokenLength(text, this.base.tokenize(text));
    const cuts: number[] = [];
    for (const t of tokens) {
      const m = /^(\p{L}+|\d+)-(\d+|\p{L}+)$/u.exec(t.text);
      if (m && /\d/.test(t.text) && /\p{L}/u.test(t.text))
        cuts.push(t.start + m[1].length, t.start + m[1].length + 1);
      const glued = /^(\p{L}*\p{Ll})(N[º°o]\.?\p{L}*)$/u.exec(t.text);
      if (glued) cuts.push(t.start + glued[1].length);
    }
    return cuts.length > 0 ? resplitAtBoundaries(text, tokens, cuts) : tokens;
  }
}

// No identifier in a note is this long; cutting longer runs (`aaaa...`, `1111...`) keeps every
// per-token step (features, stemming, the re-split patterns) bounded, so tagging stays linear.
export const MAX_TOKEN_LENGTH = 64;

function capTokenLength(text: string, tokens: Token[]): Token[] {
  if (tokens.every((t) => t.end - t.start <= MAX_TOKEN_LENGTH)) return tokens;
  return tokens.flatMap((t) => {
    if (t.end - t.start <= MAX_TOKEN_LENGTH) return [t];
    const pieces: Token[] = [];
    for (let start = t.start; start < t.end; start += MAX_TOKEN_LENGTH) {
      // Never cut a surrogate pair.
      let end = Math.min(t.end, start + MAX_TOKEN_LENGTH);
      const code = text.charCodeAt(end - 1);
      if (end < t.end && code >= 0xd800 && code <= 0xdbff) end++;
      pieces.push({ text: text.slice(start, end), start, end });
      start = end - MAX_TOKEN_LENGTH;
    }
    return pieces;
  });
}

const ABBREVIATION =
  /^(?:av|avd|avda|ctra|crta|c|dr|dra|dres|sr|sra|srta|dña|d|st|mr|mrs|ms|prof|no|n|nº|núm|esc|pza|pl|urb|\p{L})$/iu;

const MAX_SENTENCE_TOKENS = 400;

export function splitDeidSentences(text: string, tokens: readonly Token[]): Token[][] {
  const sentences = splitSentences(text, tokens, MAX_SENTENCE_TOKENS);
  const merged: Token[][] = [];
  for (const sentence of sentences) {
    const previous = merged[merged.length - 1];
    if (previous && previous.length >= 2) {
      const last = previous[previous.length - 1];
      const beforeLast = previous[previous.length - 2];
      const sameLine = !/[\n\r]/u.test(text.slice(last.end, sentence[0].start));
      const abbreviation =
        last.text === '.' && beforeLast.end === last.start && ABBREVIATION.test(beforeLast.text);
      const numbered = last.text === '.' && /^\d/.test(sentence[0].text) && /^\d+$/.test(beforeLast.text);
      // Merged sentences stay within the sentence cap, so a run of `Dr. Dr. ...` never becomes one
      // sentence over the model's batch budget.
      if (
        sameLine &&
        (abbreviation || numbered) &&
        previous.length + sentence.length <= MAX_SENTENCE_TOKENS
      ) {
        previous.push(...sentence);
        continue;
      }
    }
    merged.push([...sentence]);
  }
  return merged;
}
