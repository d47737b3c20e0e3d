import { scoreSroie } from './sroie-evaluation.js';

describe('scoreSroie', () => {
  it('scores exact matches without whitespace, and totals by amount apart from their printed form', () => {
    const sut = scoreSroie([
      {
        predicted: { company: 'Joe  Cafe LLC', total: '22.25' },
        expected: { company: 'JOE CAFE LLC', total: '£22.25' },
      },
      { predicted: { total: '8,46' }, expected: { total: '18,55' } },
      { predicted: { total: '18,55' }, expected: { total: '€18,55' } },
    ]);
    expect(sut.perField.company).toMatchObject({ correct: 1, predicted: 1, expected: 1 });
    expect(sut.perField.total).toMatchObject({ correct: 0, predicted: 3, expected: 3 });
    expect(sut.totalByAmount).toEqual({ correct: 2, expected: 3, share: 0.6667 });
  });
});
