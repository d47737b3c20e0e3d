import { concatRows, sliceRows, validateInputs, warmUpInputs } from './tensor-batch.js';
import { float32Tensor, int64Tensor } from './tensor.js';

describe('int64Tensor', () => {
  it('widens an Int32Array word by word to the same values as BigInt() does, negatives included', () => {
    const ids = Int32Array.from([0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 131072]);
    expect(Array.from(int64Tensor(ids, [1, 6]).data as BigInt64Array)).toEqual(
      Array.from(ids, (v) => BigInt(v)),
    );
  });
});

describe('tensor batching helpers', () => {
  it('stacks rows and cuts them back out unchanged', () => {
    const a = float32Tensor([1, 2, 3, 4], [2, 2]);
    const b = float32Tensor([5, 6], [1, 2]);
    const stacked = concatRows([a, b]);
    expect(stacked.dims).toEqual([3, 2]);
    expect(Array.from(stacked.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(sliceRows(stacked, 2, 1).data as Float32Array)).toEqual([5, 6]);
  });

  it('pads int64 sequences to a common length with the pad value and trims them back', () => {
    const short = int64Tensor([7, 8], [1, 2]);
    const long = int64Tensor([1, 2, 3, 4], [1, 4]);
    const stacked = concatRows([short, long], 4, 0);
    expect(stacked.dims).toEqual([2, 4]);
    expect(Array.from(stacked.data as BigInt64Array)).toEqual([7n, 8n, 0n, 0n, 1n, 2n, 3n, 4n]);
    const back = sliceRows(stacked, 0, 1, 2);
    expect(back.dims).toEqual([1, 2]);
    expect(Array.from(back.data as BigInt64Array)).toEqual([7n, 8n]);
  });

  it('pads sequences of vectors (rank 3) row by row', () => {
    const t = float32Tensor([1, 1, 2, 2], [1, 2, 2]);
    const stacked = concatRows([t], 3, -1);
    expect(Array.from(stacked.data as Float32Array)).toEqual([1, 1, 2, 2, -1, -1]);
  });

  it('checks inputs against the card and returns the rows', () => {
    const specs = [{ name: 'x', dtype: 'float32' as const, shape: [-1, 2] }];
    expect(validateInputs('m', { x: float32Tensor([1, 2, 3, 4], [2, 2]) }, specs)).toBe(2);
    expect(() => validateInputs('m', { x: int64Tensor([1, 2], [1, 2]) }, specs)).toThrow(/must be float32/);
    expect(() => validateInputs('m', { x: float32Tensor([1, 2, 3], [1, 3]) }, specs)).toThrow(
      /dim 1 must be 2/,
    );
    expect(() =>
      validateInputs('m', { x: { dtype: 'float32', dims: [1, 2], data: Float64Array.of(1, 2) } }, specs),
    ).toThrow(/Float64Array/);
    expect(() => validateInputs('m', { x: float32Tensor([1], [1, 2]) }, specs)).toThrow(/1 values/);
  });

  it('builds a warm-up batch from the card, dynamic dims set to the given sizes', () => {
    const inputs = warmUpInputs([{ name: 'ids', dtype: 'int64', shape: [-1, -1] }], 4, 3);
    expect(inputs.ids.dims).toEqual([4, 3]);
    expect(inputs.ids.data).toHaveLength(12);
  });
});
