// The NER tagger at inference time: hashed features (TypeScript) -> emissions (the ONNX graph, run
// by libs/inference or by training code directly) -> constrained Viterbi and forward-backward
// confidences (TypeScript) -> document-level abbreviation propagation.
import { maskedTransitions, tokenMarginals, viterbiDecode, type TransitionScores } from '@suite/ml';
import { EntityLexicon } from './features/entity-lexicon.js';
import { NerFeaturizer, type SentenceFeatures } from './features/ner-featurizer.js';
import type { NerModelSpec } from './model/ner-model-spec.js';
import { TimeSlice } from '../tokenizer/time-slice.js';
import {
  propagateAbbreviations,
  type ScoredSpan,
  type TaggedWords,
} from './tagging/abbreviation-propagation.js';
import { TagScheme } from './tagging/tag-scheme.js';

/** Emission scores [tokens x labels] for each sentence, in order. */
export type EmissionScorer = (sentences: readonly SentenceFeatures[]) => Promise<ArrayLike<number>[]>;

export class NerTagger {
  readonly scheme: TagScheme;
  readonly featurizer: NerFeaturizer;
  private readonly transitions: TransitionScores;
  private readonly scaledTransitions: TransitionScores;

  constructor(
    readonly spec: NerModelSpec,
    private readonly scoreEmissions: EmissionScorer,
  ) {
    this.scheme = new TagScheme(spec.types);
    const n = this.scheme.size;
    if (spec.transitions.pair.length !== n * n) throw new RangeError(`model has no ${n}x${n} transitions`);
    const lexicon = spec.lexicon ? EntityLexicon.fromJSON(spec.lexicon) : undefined;
    this.featurizer = new NerFeaturizer(spec.features, lexicon);
    const raw = {
      labels: n,
      pair: Float64Array.from(spec.transitions.pair),
      start: Float64Array.from(spec.transitions.start),
      end: Float64Array.from(spec.transitions.end),
    };
    this.transitions = maskedTransitions(raw, this.scheme.transitionMask());
    const t = spec.temperature;
    this.scaledTransitions = {
      labels: n,
      pair: this.transitions.pair.map((v) => v / t),
      start: this.transitions.start.map((v) => v / t),
      end: this.transitions.end.map((v) => v / t),
    };
  }

  /**
   * Spans of each sentence of one document, in its words' indices. Abbreviations defined in a
   * sentence apply to the next `window` sentences (default: the rest of the document) when the
   * model propagates abbreviations at all.
   */
  async tagSentences(
    sentences: readonly (readonly string[])[],
    options: { window?: number; slice?: Pick<TimeSlice, 'spent' | 'pause'> } = {},
  ): Promise<ScoredSpan[][]> {
    // Features and decoding give way to the event loop between sentences when the slice is spent.
    const slice = options.slice ?? new TimeSlice();
    // Checked every 16 sentences (at most 16 x 400 tokens, a few milliseconds): an await per
    // sentence cost more than the work on documents of one-word lines.
    const features: SentenceFeatures[] = [];
    for (let i = 0; i < sentences.length; i++) {
      features.push(this.featurizer.featurize(sentences[i]));
      if (i % 16 === 15 && slice.spent()) await slice.pause();
    }
    const emissions = await this.scoreEmissions(features.filter((f) => f.length > 0));
    let e = 0;
    const tagged: TaggedWords[] = [];
    for (let i = 0; i < sentences.length; i++) {
      const spans = features[i].length > 0 ? this.decode(emissions[e++], features[i].length) : [];
      tagged.push({ words: sentences[i], spans });
      if (i % 16 === 15 && slice.spent()) await slice.pause();
    }
    if (this.spec.abbreviationWindow === null) return tagged.map((t) => t.spans);
    return propagateAbbreviations(tagged, options.window ?? Infinity);
  }

  private decode(emissions: ArrayLike<number>, length: number): ScoredSpan[] {
    const path = viterbiDecode(emissions, length, this.transitions);
    const n = this.scheme.size;
    const scaled = Float64Array.from(emissions, (v) => v / this.spec.temperature);
    const marginals = tokenMarginals(scaled, length, this.scaledTransitions);
    return this.scheme.decode(path).map((span) => {
      let sum = 0;
      for (let k = span.start; k < span.end; k++) sum += marginals[k * n + path[k]];
      return { ...span, confidence: sum / (span.end - span.start) };
    });
  }
}
