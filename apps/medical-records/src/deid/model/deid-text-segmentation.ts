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
    const tokens = this.base.tokenize(text);
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

const ABBREVIATION =
  /^(?:av|avd|avda|ctra|crta|c|dr|dra|dres|sr|sra|srta|dña|d|st|mr|mrs|ms|prof|no|n|nº|núm|esc|pza|pl|urb|\p{L})$/iu;

export function splitDeidSentences(text: string, tokens: readonly Token[]): Token[][] {
  const sentences = splitSentences(text, tokens, 400);
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
      if (sameLine && (abbreviation || numbered)) {
        previous.push(...sentence);
        continue;
      }
    }
    merged.push([...sentence]);
  }
  return merged;
}
