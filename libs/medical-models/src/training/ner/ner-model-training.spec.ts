import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIob, readIobFile } from '@suite/ml';
import { servedNerModels } from '../../../../../test/support/medical-served-models.js';
import { trainNerModel } from './ner-model-training.js';

// The whole `train ner` pipeline on a slice of the shipped corpus (the full runs go through the CLI).
describe('trainNerModel', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'train-ner-'));
    const sentences = await readIobFile({ path: 'data/bc5cdr/train.tsv' });
    await mkdir(join(root, 'data', 'bc5cdr'), { recursive: true });
    await writeFile(join(root, 'data', 'bc5cdr', 'train.tsv'), formatIob(sentences.slice(0, 150)));
    await writeFile(join(root, 'data', 'bc5cdr', 'devel.tsv'), formatIob(sentences.slice(150, 200)));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('selects on train, writes model.onnx and a card with dev metrics scored through the engine', async () => {
    const { dir, card } = await trainNerModel({
      model: 'bc5cdr',
      served: servedNerModels,
      dataDir: join(root, 'data'),
      modelsDir: join(root, 'models'),
      version: '1',
      compareTokenizers: false,
      recipeOverrides: { features: { bits: 10 }, maxEpochs: 2 },
    });
    expect(card.metrics?.dev).toMatchObject({ f1: expect.any(Number), n: 50 });
    expect(card.training?.command).toBe('npm run cli -- train ner --model bc5cdr');
    expect(card.extra.lexicon?.length).toBeGreaterThan(0);
    expect(card.privacy).toBeUndefined();
    const onDisk = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { sha256: string };
    expect(onDisk.sha256).toBe(card.sha256);
  });

  it('trains the DP model within the requested budget and without a lexicon', async () => {
    const { card } = await trainNerModel({
      model: 'bc5cdr-dp',
      served: servedNerModels,
      dataDir: join(root, 'data'),
      modelsDir: join(root, 'models'),
      version: '1',
      dp: { epsilon: 4, delta: undefined, clipNorm: undefined },
      recipeOverrides: { features: { bits: 10 }, dp: { epochs: 2 } },
    });
    expect(card.privacy).toMatchObject({ delta: 1e-5, clipNorm: 1 });
    expect(card.privacy?.epsilon).toBeLessThanOrEqual(4);
    expect(card.privacy?.epsilon).toBeGreaterThan(3.9);
    expect(card.privacy?.steps).toBe(8);
    expect(card.extra.lexicon).toBeUndefined();
    expect(card.metrics?.privacyCost).toMatchObject({ nonPrivateModel: 'bc5cdr/1' });
  });
});
