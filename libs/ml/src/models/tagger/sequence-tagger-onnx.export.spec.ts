import * as ort from 'onnxruntime-node';
import {
  TAGGER_ONNX_EMISSIONS,
  TAGGER_ONNX_INDICES,
  TAGGER_ONNX_TRANSITIONS,
  TAGGER_ONNX_VALUES,
  decodeTagsFromOnnxOutputs,
  exportSequenceTaggerToOnnx,
  packTokenFeatures,
} from './sequence-tagger-onnx.export.js';
import { trainStructuredPerceptron } from './structured-perceptron.trainer.js';
import { syntheticTaggedSentences } from './synthetic-tagging.testing.js';
import { TokenFeatureExtractor } from './token-features.js';

describe('exportSequenceTaggerToOnnx', () => {
  it('gives the TypeScript emissions and the same decoded tags through onnxruntime', async () => {
    const extractor = new TokenFeatureExtractor({ bits: 12 });
    const featurize = (count: number, seed: number) =>
      syntheticTaggedSentences(count, seed).map((s) => ({ features: extractor.extractSentenceFeatures(s.tokens), tags: s.tags }));
    // Two epochs on a small set: an imperfect model, so that decoding has real choices to make.
    const { model } = trainStructuredPerceptron(featurize(40, 4), { dimension: extractor.dimension, epochs: 2, seed: 5 });
    const sut = await ort.InferenceSession.create(exportSequenceTaggerToOnnx(model));
    try {
      for (const sentence of featurize(30, 6)) {
        const packed = packTokenFeatures(sentence.features);
        const out = await sut.run({
          [TAGGER_ONNX_INDICES]: new ort.Tensor('int64', packed.indices, [packed.tokenCount, packed.maxNnz]),
          [TAGGER_ONNX_VALUES]: new ort.Tensor('float32', packed.values, [packed.tokenCount, packed.maxNnz]),
        });
        const emissions = out[TAGGER_ONNX_EMISSIONS].data as Float32Array;
        const transitions = out[TAGGER_ONNX_TRANSITIONS].data as Float32Array;
        expect(out[TAGGER_ONNX_EMISSIONS].dims).toEqual([packed.tokenCount, model.tagCount]);
        expect(Array.from(transitions)).toEqual(Array.from(model.transitions));
        const expected = model.emissionScores(sentence.features);
        expected.forEach((v, k) => expect(Math.abs(emissions[k] - v)).toBeLessThan(1e-5));
        const tags = decodeTagsFromOnnxOutputs(emissions, transitions, packed.tokenCount, model.tagCount, model.allowed);
        expect(Array.from(tags)).toEqual(Array.from(model.decodeTagIndices(sentence.features)));
      }
    } finally {
      await sut.release();
    }
  });
});
