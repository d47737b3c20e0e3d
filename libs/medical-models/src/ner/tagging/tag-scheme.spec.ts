import { iobTags, spansOfIob, TagScheme } from './tag-scheme.js';

describe('TagScheme', () => {
  const sut = new TagScheme(['Chemical', 'Disease']);

  it('encodes spans as BIOES and decodes them back', () => {
    const spans = [
      { type: 'Chemical', start: 0, end: 1 },
      { type: 'Disease', start: 2, end: 5 },
    ];
    const ids = sut.encode(spans, 6);
    expect(Array.from(ids, (i) => sut.labels[i])).toEqual([
      'S-Chemical',
      'O',
      'B-Disease',
      'I-Disease',
      'E-Disease',
      'O',
    ]);
    expect(sut.decode(ids)).toEqual(spans);
  });

  it('allows only well-formed BIOES transitions', () => {
    const { pair, start, end } = sut.transitionMask();
    const n = sut.size;
    const allowed = (a: string, b: string): number => pair[sut.labelId(a) * n + sut.labelId(b)];
    expect(allowed('O', 'I-Chemical')).toBe(0);
    expect(allowed('B-Chemical', 'I-Disease')).toBe(0);
    expect(allowed('B-Chemical', 'E-Chemical')).toBe(1);
    expect(allowed('E-Chemical', 'S-Disease')).toBe(1);
    expect(start[sut.labelId('I-Disease')]).toBe(0);
    expect(end[sut.labelId('B-Disease')]).toBe(0);
  });

  it('ties B/I/E/S of a type to that type column plus a position column', () => {
    const { columns, ofLabel } = sut.tiedColumns();
    expect(columns).toEqual(['O', 'Chemical', 'Disease', 'B', 'I', 'E', 'S']);
    expect(ofLabel[sut.labelId('E-Disease')]).toEqual([2, 5]);
    expect(ofLabel[sut.labelId('O')]).toEqual([0]);
  });
});

describe('IOB helpers', () => {
  it('reads chunks as conlleval does: I-x after O opens a chunk', () => {
    expect(spansOfIob(['I-Disease', 'I-Disease', 'O', 'B-Chemical', 'I-Disease'])).toEqual([
      { type: 'Disease', start: 0, end: 2 },
      { type: 'Chemical', start: 3, end: 4 },
      { type: 'Disease', start: 4, end: 5 },
    ]);
    expect(iobTags([{ type: 'Chemical', start: 1, end: 3 }], 4)).toEqual([
      'O',
      'B-Chemical',
      'I-Chemical',
      'O',
    ]);
  });
});
