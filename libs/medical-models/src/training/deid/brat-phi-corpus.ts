// BRAT documents (MEDDOCAN) as tagger training sentences: the medical tokenizer's tokens, re-split
// where a gold span starts or ends inside one (labels project exactly; at test time the tokenizer
// may still merge across a boundary), grouped into sentences, gold spans projected onto tokens.
import type { BratDocument } from '@suite/ml';
import type { LabelledWords } from '../ner/corpus/ner-corpus.js';
import { projectCharSpans } from '../ner/corpus/ner-corpus.js';
import { splitDeidSentences } from '../../deid/model/deid-text-segmentation.js';
import { resplitAtBoundaries } from '../../tokenizer/token-alignment.js';
import type { Tokenizer } from '../../tokenizer/token.js';

export function labelledSentencesOf(document: BratDocument, tokenizer: Tokenizer): LabelledWords[] {
  // Nested or overlapping gold spans (rare in MEDDOCAN): the first one in text order is kept.
  const gold = [...document.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const tokens = resplitAtBoundaries(
    document.text,
    tokenizer.tokenize(document.text),
    gold.flatMap((g) => [g.start, g.end]),
  );
  return splitDeidSentences(document.text, tokens).map((sentence) => ({
    words: sentence.map((t) => t.text),
    spans: projectCharSpans(
      sentence,
      gold.filter((g) => g.start < sentence[sentence.length - 1].end && g.end > sentence[0].start),
    ),
  }));
}
