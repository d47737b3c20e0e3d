import { InferenceModule } from '@suite/inference';
import { Test } from '@nestjs/testing';
import { readBratFolder } from '@suite/ml';
import { labelledPredictions } from './evaluation/deid-evaluation.js';
import { scoreDeid } from '@suite/medical-models';
import { DeidModule } from './deid.module.js';
import { DeidService } from './deid.service.js';

// The shipped model through the real service (libs/inference engine, no mocks), on a few MEDDOCAN
// dev documents (held out from training; copied in data/meddocan/dev).
const DEV = 'data/meddocan/dev';

describe('DeidService with the shipped MEDDOCAN model', () => {
  let sut: DeidService;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        InferenceModule.forRoot(),
        DeidModule.forRoot({ modelsDir: 'models', model: 'deid-meddocan', secret: 'model-test' }),
      ],
    }).compile();
    sut = moduleRef.get(DeidService);
    close = () => moduleRef.close();
  });
  afterAll(async () => close());

  it('loads the model', async () => {
    expect(await sut.modelInUse()).toEqual({ name: 'deid-meddocan', version: '1' });
  });

  it('scores strict F1 >= 0.85 and leak recall >= 0.95 on the first 4 dev documents', async () => {
    const docs = (await readBratFolder(DEV)).slice(0, 4);
    const scored = [];
    for (const d of docs)
      scored.push({
        gold: d.entities,
        predicted: labelledPredictions(await sut.detectPhi(d.text, 'es'), 'meddocan'),
      });
    const scores = scoreDeid(scored);
    expect(scores.f1).toBeGreaterThanOrEqual(0.85);
    expect(scores.leakRecall).toBeGreaterThanOrEqual(0.95);
  }, 30_000);

  it('de-identifies a Spanish note with model and rules together', async () => {
    const text =
      'Nombre: Ernesto. Apellidos: Rivera Bueno. NHC: 368503. Varón de 70 años, natural de Madrid, ingresa el 12/12/2016 en el Hospital Universitario La Paz.';
    const result = await sut.deidentify({ text, language: 'es', mode: 'redact' });
    expect(result.text).not.toMatch(/Ernesto|Rivera|368503|Madrid|12\/12\/2016/);
  });
});
