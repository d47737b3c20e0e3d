import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emissionsOf, Rng } from '@suite/ml';
import {
  DEFAULT_FEATURE_CONFIG,
  NerFeaturizer,
  TagScheme,
  buildEmissionModel,
  EMISSION_INPUT,
  EMISSION_OUTPUT,
} from '@suite/medical-models';
import { engineEmissionScorer } from './emission-scorers.js';
import { loadNerModel } from './ner-model-loader.js';
import { writeNerModelVersion } from '@suite/medical-models/training';

describe('emission model', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ner-onnx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('computes through libs/inference the emissions the weights give in memory (atol 1e-4)', async () => {
    const scheme = new TagScheme(['Chemical']);
    const features = { ...DEFAULT_FEATURE_CONFIG, bits: 10, lexicon: false };
    const rows = 2 ** features.bits;
    const rng = new Rng(11);
    const emission = Float32Array.from({ length: rows * scheme.size }, () => rng.normal());
    const zeros = (k: number): number[] => new Array<number>(k).fill(0);
    await writeNerModelVersion(
      dir,
      {
        name: 'tiny-ner',
        version: '1',
        task: 'ner',
        inputs: [{ name: EMISSION_INPUT, dtype: 'int64', shape: [-1, -1, features.maxFeatures] }],
        outputs: [{ name: EMISSION_OUTPUT, dtype: 'float32', shape: [-1, -1, scheme.size] }],
        labels: scheme.labels,
        batching: {
          maxBatchSize: 8,
          maxQueueDelayMicros: 500,
          maxQueueSize: 64,
          maxBatchTokens: 256,
          padValue: { [EMISSION_INPUT]: rows },
        },
        extra: {
          types: [...scheme.types],
          tokenizer: 'medical',
          features,
          transitions: { pair: zeros(scheme.size ** 2), start: zeros(scheme.size), end: zeros(scheme.size) },
          abbreviationWindow: null,
          temperature: 1,
        },
      },
      buildEmissionModel(emission, rows, scheme.size, features.maxFeatures),
    );
    const sut = await loadNerModel({ modelsDir: dir, name: 'tiny-ner' });
    try {
      const featurizer = new NerFeaturizer(features);
      const words = [
        ['Cocaine', 'toxicity', '.'],
        ['5-FU', 'and', 'IL-2', 'in', 'mice', 'given', '2.5mg'],
        ['Rats', '.'],
        ['a'],
      ];
      const sentences = [...words, ...words, ...words].map((w) => featurizer.featurize(w));
      // Packed end to end into requests of up to `packTokens` tokens, then cut back into sentences.
      for (const packTokens of [256, 8, 1]) {
        const scored = await engineEmissionScorer(sut.backend, 'tiny-ner', { packTokens })(sentences);
        expect(scored).toHaveLength(sentences.length);
        sentences.forEach((x, i) => {
          const expected = emissionsOf({ emission, labels: scheme.size, rows }, x);
          expect(scored[i].length).toBe(expected.length);
          for (let k = 0; k < expected.length; k++)
            expect(Math.abs(scored[i][k] - expected[k])).toBeLessThan(1e-4);
        });
      }
    } finally {
      await sut.close();
    }
  });
});
