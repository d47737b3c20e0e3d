// The baselines the medical tokenizer is measured against: natural's general-purpose English word
// tokenizers (Penn Treebank rules; word/punctuation regex), with offsets recovered by alignment.
import naturalTokenizers from 'natural/lib/natural/tokenizers/index.js';
import type { Token, Tokenizer } from '../../tokenizer/token.js';
import { locateTokens } from '../../tokenizer/token-alignment.js';

export type GenericTokenizerKind = 'treebank' | 'word-punct';

export class GenericWordTokenizer implements Tokenizer {
  readonly name: string;
  private readonly inner: { tokenize(text: string): string[] };

  constructor(readonly kind: GenericTokenizerKind = 'treebank') {
    this.name = `natural-${kind}`;
    this.inner =
      kind === 'treebank'
        ? new naturalTokenizers.TreebankWordTokenizer()
        : new naturalTokenizers.WordPunctTokenizer();
  }

  tokenize(text: string): Token[] {
    return locateTokens(text, this.inner.tokenize(text) ?? []);
  }
}
