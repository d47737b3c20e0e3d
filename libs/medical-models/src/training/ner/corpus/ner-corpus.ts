// IOB corpora (BC5CDR, NCBI-disease) as running text with character spans: each sentence's tokens
// are detokenised, gold chunks become character spans, and any tokenizer's output can be labelled
// by projecting those spans onto it. This is how the tagger trains on the medical tokenizer's
// tokens while the corpus stays the reference, and how predictions return to the corpus' tokens.
import { readIobFile, type TextSource } from '@suite/ml';
import { detokenize } from '../../tokenizer/corpus-detokenizer.js';
import type { Token, Tokenizer } from '../../../tokenizer/token.js';
import { resplitAtBoundaries } from '../../../tokenizer/token-alignment.js';
import { spansOfIob, type LabelSpan } from '../../../ner/tagging/tag-scheme.js';

export interface CharSpan {
  type: string;
  start: number;
  end: number;
}

export interface CorpusSentence {
  text: string;
  /** The corpus' own tokens with their offsets in `text`. */
  corpusTokens: Token[];
  tags: string[];
  gold: CharSpan[];
}

export interface LabelledWords {
  words: string[];
  spans: LabelSpan[];
}

export function corpusSentence(tokens: readonly string[], tags: readonly string[]): CorpusSentence {
  const { text, tokens: corpusTokens } = detokenize(tokens);
  const gold = spansOfIob(tags).map((s) => ({
    type: s.type,
    start: corpusTokens[s.start].start,
    end: corpusTokens[s.end - 1].end,
  }));
  return { text, corpusTokens, tags: [...tags], gold };
}

export async function readNerCorpus(source: TextSource): Promise<CorpusSentence[]> {
  return (await readIobFile(source)).map((s) => corpusSentence(s.tokens, s.tags));
}

/** Token spans covering each character span (tokens that overlap it), overlaps dropped. */
export function projectCharSpans(tokens: readonly Token[], spans: readonly CharSpan[]): LabelSpan[] {
  const out: LabelSpan[] = [];
  for (const span of spans) {
    let first = -1;
    let last = -1;
    for (let k = 0; k < tokens.length; k++) {
      if (tokens[k].start < span.end && span.start < tokens[k].end) {
        if (first < 0) first = k;
        last = k;
      }
    }
    if (first >= 0 && (out.length === 0 || first >= out[out.length - 1].end))
      out.push({ type: span.type, start: first, end: last + 1 });
  }
  return out;
}

/**
 * A training sentence in a tokenizer's tokens: tokens are re-split where a gold span starts or
 * ends inside one, so labels are exact (the tokenizer can still merge across a boundary at test time).
 */
export function labelledWords(sentence: CorpusSentence, tokenizer: Tokenizer | 'corpus'): LabelledWords {
  const tokens =
    tokenizer === 'corpus'
      ? sentence.corpusTokens
      : resplitAtBoundaries(
          sentence.text,
          tokenizer.tokenize(sentence.text),
          sentence.gold.flatMap((g) => [g.start, g.end]),
        );
  return { words: tokens.map((t) => t.text), spans: projectCharSpans(tokens, sentence.gold) };
}

/** IOB2 tags over the corpus' tokens for predicted character spans (a token inside a span is tagged). */
export function corpusTagsFor(sentence: CorpusSentence, predicted: readonly CharSpan[]): string[] {
  const tags = new Array<string>(sentence.corpusTokens.length).fill('O');
  for (const span of predicted) {
    let first = true;
    sentence.corpusTokens.forEach((t, k) => {
      if (t.start >= span.start && t.end <= span.end && tags[k] === 'O') {
        tags[k] = `${first ? 'B' : 'I'}-${span.type}`;
        first = false;
      }
    });
  }
  return tags;
}
