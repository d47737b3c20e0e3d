import { creditDefaultPartOf, splitCreditDefault } from './credit-default-split.js';

describe('credit-default split', () => {
  it('assigns parts by ID alone', () => {
    expect(['3', '8', '13'].map(creditDefaultPartOf)).toEqual(['dev', 'dev', 'dev']);
    expect(['4', '14', '24'].map(creditDefaultPartOf)).toEqual(['calibration', 'calibration', 'calibration']);
    expect(['1', '2', '6', '9', '19'].map(creditDefaultPartOf)).toEqual(['fit', 'fit', 'fit', 'fit', 'fit']);
  });

  it("splits rows about 62.5 / 12.5 / 25 over the train file's IDs", () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ({ id: String(i + 1) })).filter(
      (r) => Number(r.id) % 5 !== 0,
    );
    const sut = splitCreditDefault(rows);
    expect([sut.fit.length, sut.calibration.length, sut.dev.length]).toEqual([15_000, 3_000, 6_000]);
  });
});
