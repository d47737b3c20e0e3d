// The learnt half of de-identification at inference time: medical tokenizer -> sentences -> the
// NER tagger of ../ner (hashed features, emissions from the ONNX graph, constrained Viterbi) with
// MEDDOCAN's types -> character spans into the original text.
import { type NerTagger, type Tokenizer, splitDeidSentences } from '@suite/medical-models';
import type { DeidLanguage } from '../phi-finding.js';
import { isMeddocanLabel, PHI_TYPE_OF_LABEL, type PhiSpan } from '../phi-labels.js';

export class PhiTagger {
  constructor(
    private readonly tagger: NerTagger,
    private readonly tokenizer: Tokenizer,
    /** Languages the model was trained for; other languages get no model spans. */
    readonly languages: readonly DeidLanguage[],
  ) {}

  async detect(text: string, language: DeidLanguage): Promise<PhiSpan[]> {
    if (!this.languages.includes(language)) return [];
    const sentences = splitDeidSentences(text, this.tokenizer.tokenize(text));
    if (sentences.length === 0) return [];
    const tagged = await this.tagger.tagSentences(sentences.map((tokens) => tokens.map((t) => t.text)));
    const spans: PhiSpan[] = [];
    tagged.forEach((sentenceSpans, i) => {
      const tokens = sentences[i];
      for (const s of sentenceSpans) {
        if (!isMeddocanLabel(s.type)) continue;
        spans.push({
          type: PHI_TYPE_OF_LABEL[s.type],
          label: s.type,
          start: tokens[s.start].start,
          end: tokens[s.end - 1].end,
          source: 'model',
        });
      }
    });
    return spans;
  }
}
