import fc from 'fast-check';
import { MedicalTokenizer } from './medical-tokenizer.js';

const sut = new MedicalTokenizer();
const words = (text: string): string[] => sut.tokenize(text).map((t) => t.text);

describe('MedicalTokenizer', () => {
  it.each([
    ['5-fluorouracil', ['5-fluorouracil']],
    ['IL-2', ['IL-2']],
    ['HbA1c', ['HbA1c']],
    ['mg/dL', ['mg/dL']],
    ['COVID-19', ['COVID-19']],
    ['t(9;22)', ['t(9;22)']],
    ['t(9;22)(q34;q11)', ['t(9;22)(q34;q11)']],
    ['2.5mg', ['2.5mg']],
    ['10mg/kg/day', ['10mg/kg/day']],
    ['b.i.d.', ['b.i.d.']],
    ['q.h.s.', ['q.h.s.']],
    ['N-acetyl-L-cysteine', ['N-acetyl-L-cysteine']],
    ['1,2-dimethylhydrazine', ['1,2-dimethylhydrazine']],
    ["2'-deoxycytidine", ["2'-deoxycytidine"]],
    ['alpha-methyldopa', ['alpha-methyldopa']],
    ['Ca2+', ['Ca2+']],
    ['7.5', ['7.5']],
  ])('keeps %s whole', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it.each([
    ['cocaine-induced', ['cocaine', '-', 'induced']],
    ['5-FU-induced', ['5-FU', '-', 'induced']],
    ['COVID-19-related', ['COVID-19', '-', 'related']],
    ['dose-dependent', ['dose', '-', 'dependent']],
    ["Parkinson's disease", ['Parkinson', "'s", 'disease']],
    ['(PD).', ['(', 'PD', ')', '.']],
    ['aspirin, 2.5mg b.i.d.', ['aspirin', ',', '2.5mg', 'b.i.d.']],
  ])('splits %s where entity boundaries fall', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('does not take a sentence-final period for an abbreviation or a decimal', () => {
    expect(words('Given p.o. daily. Dose 7.')).toEqual(['Given', 'p.o.', 'daily', '.', 'Dose', '7', '.']);
  });

  it('gives exact UTF-16 offsets, astral characters and combining marks included', () => {
    const text = 'Pt 😀 took caf\u0065\u0301 and 𝛼-tocopherol.';
    for (const token of sut.tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('tokens are ordered, disjoint slices that cover every non-space character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const tokens = sut.tokenize(text);
        let cursor = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(cursor);
          expect(t.end).toBeGreaterThan(t.start);
          expect(text.slice(t.start, t.end)).toBe(t.text);
          expect(/^\s*$/u.test(text.slice(cursor, t.start))).toBe(true);
          cursor = t.end;
        }
        expect(/^\s*$/u.test(text.slice(cursor))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
