import { GradientBuffer } from './gradient-buffer.js';
import { ParameterSet } from './parameter-set.js';

const specs = [
  { name: 'weights', shape: [4, 2], decay: true },
  { name: 'bias', shape: [2], decay: false },
];

describe('ParameterSet', () => {
  it('lays blocks out flat, input table first, with views into the same storage', () => {
    const sut = ParameterSet.zeros(specs, 'float32');
    expect([sut.size, sut.inputRows, sut.rowWidth, sut.denseOffset]).toEqual([10, 4, 2, 8]);
    sut.view('bias')[1] = 3;
    expect(sut.values[9]).toBe(3);
  });

  it.each(['float32', 'float64'] as const)('round-trips %s values through JSON exactly', (precision) => {
    const sut = ParameterSet.zeros(specs, precision);
    sut.values.forEach((_, i) => (sut.values[i] = Math.PI * (i - 4)));
    const restored = ParameterSet.fromJSON(JSON.parse(JSON.stringify(sut.toJSON())));
    expect(restored.precision).toBe(precision);
    expect(Array.from(restored.values)).toEqual(Array.from(sut.values));
    expect(restored.hasBlocks(specs)).toBe(true);
  });

  it('rejects a first block that is not a [rows, width] table', () => {
    expect(() => ParameterSet.zeros([{ name: 'b', shape: [3], decay: false }], 'float32')).toThrow(
      RangeError,
    );
  });
});

describe('GradientBuffer', () => {
  it('clears only what a batch touched, and everything after touchAllRows', () => {
    const params = ParameterSet.zeros(specs, 'float64');
    const sut = new GradientBuffer(params);
    sut.touchRow(2);
    sut.touchRow(2);
    sut.values.fill(1);
    expect(Array.from(sut.touchedRows())).toEqual([2]);
    expect(sut.normSquared()).toBe(4); // row 2 (2 values) + bias (2 values)
    sut.clear();
    // Untouched rows are not its business: they keep whatever is there.
    expect(Array.from(sut.values)).toEqual([1, 1, 1, 1, 0, 0, 1, 1, 0, 0]);
    sut.touchAllRows();
    expect(Array.from(sut.touchedRows())).toEqual([0, 1, 2, 3]);
    sut.clear();
    expect(sut.values.every((v) => v === 0)).toBe(true);
    expect(sut.touchedRows()).toHaveLength(0);
  });
});
