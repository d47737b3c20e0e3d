import { MedicalTokenizer } from '../../../tokenizer/medical-tokenizer.js';
import { corpusSentence } from '../corpus/ner-corpus.js';
import type { NerModelSpec } from '../../../ner/model/ner-model-spec.js';
import { NerTagger } from '../../../ner/ner-tagger.js';
import { TagScheme } from '../../../ner/tagging/tag-scheme.js';
import { evaluateTaggerOnCorpus } from './ner-evaluation.js';

// A tagger whose emissions are fixed per word: the test is about the evaluation plumbing
// (detokenise -> medical tokens -> spans -> corpus tokens -> conlleval), not about a model.
function taggerOf(labelOf: Record<string, string>): NerTagger {
  const scheme = new TagScheme(['Chemical']);
  const n = scheme.size;
  const spec: NerModelSpec = {
    types: ['Chemical'],
    tokenizer: 'medical',
    features: { bits: 8, maxFeatures: 8, charNgrams: [], window: 0, lexicon: false },
    transitions: {
      pair: new Array<number>(n * n).fill(0),
      start: new Array<number>(n).fill(0),
      end: new Array<number>(n).fill(0),
    },
    abbreviationWindow: null,
    temperature: 1,
  };
  return new NerTagger(spec, (sentences) =>
    Promise.resolve(
      sentences.map((x) =>
        Float64Array.from({ length: x.length * n }, (_, j) => {
          const label = labelOf[x.words[Math.floor(j / n)]] ?? 'O';
          return j % n === scheme.labelId(label) ? 10 : 0;
        }),
      ),
    ),
  );
}

describe('evaluateTaggerOnCorpus', () => {
  it('projects entities found on medical tokens back onto the corpus tokens', async () => {
    const sentence = corpusSentence(
      ['5', '-', 'FU', '-', 'induced', 'toxicity'],
      ['B-Chemical', 'I-Chemical', 'I-Chemical', 'O', 'O', 'O'],
    );
    expect(sentence.text).toBe('5-FU-induced toxicity');
    const sut = await evaluateTaggerOnCorpus(taggerOf({ '5-FU': 'S-Chemical' }), new MedicalTokenizer(), [
      sentence,
    ]);
    expect(sut.predictedTags).toEqual([['B-Chemical', 'I-Chemical', 'I-Chemical', 'O', 'O', 'O']]);
    expect(sut.evaluation.f1).toBe(1);
  });
});
