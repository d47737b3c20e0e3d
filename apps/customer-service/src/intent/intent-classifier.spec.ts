// The shipped model through libs/inference (worker threads, dynamic batching); no database.
import { DEFAULT_INTENT_MODEL } from '@suite/support-models';
import { packSparseBatch } from '@suite/ml';
import { packSparseRows, topIntents } from './intent-classifier.js';
import { type LoadedIntentModel, loadIntentModel } from './intent-model-loader.js';

describe('IntentClassifier with the shipped model', () => {
  let sut: LoadedIntentModel;

  beforeAll(async () => {
    sut = await loadIntentModel({
      modelsDir: 'models',
      name: DEFAULT_INTENT_MODEL,
      logger: { log: () => undefined, warn: () => undefined },
    });
  });

  afterAll(() => sut.close());

  it('ranks clear questions confidently', async () => {
    const [arrival, pin] = await sut.classifier.rankIntentsOfMany(
      ['My new card still has not arrived, when will it come?', 'How can I change my PIN?'],
      3,
    );
    expect(arrival[0].intent).toBe('card_arrival');
    expect(arrival[0].probability).toBeGreaterThan(sut.classifier.spec.threshold);
    expect(pin[0].intent).toBe('change_pin');
    expect(arrival).toHaveLength(3);
  });

  it('gives gibberish no confident intent', async () => {
    const [ranked] = await sut.classifier.rankIntentsOfMany(['asdf qwerty zxcv'], 3);
    expect(ranked[0].probability).toBeLessThan(sut.classifier.spec.threshold);
  });

  it('returns the same ranking for a message alone or batched with others (padding adds nothing)', async () => {
    const alone = await sut.classifier.rankIntents('I was charged twice at Tesco');
    const batched = await Promise.all([
      sut.classifier.rankIntents('I was charged twice at Tesco'),
      sut.classifier.rankIntents(
        'a much longer message about the exchange rate applied to my card payment abroad',
      ),
    ]);
    expect(batched[0].map((s) => s.intent)).toEqual(alone.map((s) => s.intent));
    batched[0].forEach((s, k) => expect(s.probability).toBeCloseTo(alone[k].probability, 5));
  });

  it('orders intents by probability, ties by index', () => {
    expect(topIntents([0.1, 0.5, 0.5, 0.2], ['a', 'b', 'c', 'd'], 3).map((s) => s.intent)).toEqual([
      'b',
      'c',
      'd',
    ]);
  });

  it('packs sparse rows exactly as libs/ml does', () => {
    const rows = [
      { indices: Int32Array.of(0, 5, 32767), values: Float32Array.of(0.5, -0.25, 1) },
      { indices: Int32Array.of(7), values: Float32Array.of(2) },
    ];
    const sut = packSparseRows(rows);
    const expected = packSparseBatch(rows);
    expect(sut.indices.dims).toEqual([2, 3]);
    expect(Array.from(sut.indices.data as BigInt64Array)).toEqual(Array.from(expected.indices));
    expect(Array.from(sut.values.data as Float32Array)).toEqual(Array.from(expected.values));
  });
});
