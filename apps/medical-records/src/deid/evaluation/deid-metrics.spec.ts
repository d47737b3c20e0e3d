import { detectLanguage, labelSetOf } from './deid-evaluation.js';
import { scoreDeid } from '@suite/medical-models';

describe('de-identification metrics', () => {
  it('scores strict span + type and leak recall on a hand-made example', () => {
    // Gold: NAME [0,10), DATE [20,30), ID [40,44). Predicted: NAME exact, DATE with a wrong end
    // [20,28), ID as a wrong type (exact span), an extra NAME [50,55).
    const sut = scoreDeid([
      {
        gold: [
          { type: 'NAME', start: 0, end: 10 },
          { type: 'DATE', start: 20, end: 30 },
          { type: 'ID', start: 40, end: 44 },
        ],
        predicted: [
          { type: 'NAME', start: 0, end: 10 },
          { type: 'DATE', start: 20, end: 28 },
          { type: 'CONTACT', start: 40, end: 44 },
          { type: 'NAME', start: 50, end: 55 },
        ],
      },
    ]);
    expect(sut.precision).toBeCloseTo(1 / 4, 10);
    expect(sut.recall).toBeCloseTo(1 / 3, 10);
    expect(sut.f1).toBeCloseTo((2 * (1 / 4) * (1 / 3)) / (1 / 4 + 1 / 3), 10);
    // 24 gold characters, all but DATE's last 2 covered by some prediction.
    expect(sut.leakRecall).toBeCloseTo(22 / 24, 10);
    // 8 + 10 + 4 + 5 = 27 predicted characters (no text given: all count), 10 + 8 + 4 = 22 in gold.
    expect(sut.charPrecision).toBeCloseTo(22 / 27, 10);
    expect(sut.perType.NAME).toMatchObject({ precision: 0.5, recall: 1, support: 1, predicted: 2 });
    expect(sut.perType.DATE).toMatchObject({ precision: 0, recall: 0, support: 1 });
    expect(sut.perType.CONTACT).toMatchObject({ precision: 0, support: 0, predicted: 1 });
    expect(sut.n).toBe(1);
  });

  it('leaves spaces out of charPrecision when the text is given', () => {
    const text = 'Ann Lee  was seen';
    const sut = scoreDeid([
      { text, gold: [{ type: 'NAME', start: 0, end: 7 }], predicted: [{ type: 'NAME', start: 0, end: 13 }] },
    ]);
    // Predicted non-space characters: "AnnLeewas" = 9, of which "AnnLee" = 6 are gold.
    expect(sut.charPrecision).toBeCloseTo(6 / 9, 10);
  });

  it('counts a perfect run as 1 everywhere and no gold as full leak recall', () => {
    const span = { type: 'NAME', start: 3, end: 7 };
    expect(scoreDeid([{ gold: [span], predicted: [span] }])).toMatchObject({
      f1: 1,
      precision: 1,
      recall: 1,
      leakRecall: 1,
    });
    expect(scoreDeid([{ gold: [], predicted: [] }]).leakRecall).toBe(1);
  });

  it('tells the label sets and languages apart', () => {
    const doc = (type: string) => ({
      name: 'd',
      text: 'x',
      entities: [{ id: 'T1', type, start: 0, end: 1, text: 'x' }],
    });
    expect(labelSetOf([doc('NAME'), doc('DATE')])).toBe('english');
    expect(labelSetOf([doc('FECHAS')])).toBe('meddocan');
    expect(detectLanguage('Paciente de 70 años que acude por dolor de la rodilla.')).toBe('es');
    expect(detectLanguage('The patient is a 70-year-old man with knee pain.')).toBe('en');
  });
});
