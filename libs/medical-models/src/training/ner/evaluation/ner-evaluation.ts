// Scores a tagger on an IOB corpus exactly as `eval ner` does: each sentence is detokenised, run
// through the served pipeline (tokenizer -> tagger), predictions are projected back onto the
// corpus' own tokens and scored by conlleval's strict span match (Tjong Kim Sang & Buchholz 2000).
import { evaluateSpans, type SpanEvaluation } from '@suite/ml';
import type { Tokenizer } from '../../../tokenizer/token.js';
import { corpusTagsFor, type CharSpan, type CorpusSentence } from '../corpus/ner-corpus.js';
import type { NerTagger } from '../../../ner/ner-tagger.js';

export interface CorpusEvaluation {
  evaluation: SpanEvaluation;
  /** Predicted IOB2 tags per sentence, over the corpus' tokens. */
  predictedTags: string[][];
}

export async function evaluateTaggerOnCorpus(
  tagger: NerTagger,
  tokenizer: Tokenizer,
  sentences: readonly CorpusSentence[],
  /** `thresholds`: spans under their type's confidence threshold are dropped, as the API does. */
  options: { window?: number; thresholds?: Readonly<Record<string, number>> } = {},
): Promise<CorpusEvaluation> {
  const tokens = sentences.map((s) => tokenizer.tokenize(s.text));
  // The file is read as running text: its sentences keep the abstracts' order (not their
  // boundaries), so an abbreviation reaches the next `window` sentences, as the card says.
  const spans = await tagger.tagSentences(
    tokens.map((ts) => ts.map((t) => t.text)),
    { window: options.window ?? tagger.spec.abbreviationWindow ?? 0 },
  );
  const predictedTags = sentences.map((sentence, i) => {
    const kept = spans[i].filter((s) => s.confidence >= (options.thresholds?.[s.type] ?? 0));
    const chars: CharSpan[] = kept.map((s) => ({
      type: s.type,
      start: tokens[i][s.start].start,
      end: tokens[i][s.end - 1].end,
    }));
    return corpusTagsFor(sentence, chars);
  });
  return {
    evaluation: evaluateSpans(
      sentences.map((s) => s.tags),
      predictedTags,
    ),
    predictedTags,
  };
}
