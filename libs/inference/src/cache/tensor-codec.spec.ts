import { float32Tensor, int64Tensor, type NamedTensors } from '../engine/tensor.js';
import { decodeTensors, encodeTensors, resultCacheKey } from './tensor-codec.js';

describe('tensor codec', () => {
  const tensors: NamedTensors = {
    logits: float32Tensor([0.5, -1.25, 3], [1, 3]),
    ids: int64Tensor([1, 2, 9007199254740993n], [1, 3]),
    mask: { dtype: 'bool', dims: [3], data: Uint8Array.of(1, 0, 1) },
    words: { dtype: 'string', dims: [2], data: ['Ärzte', 'x'] },
  };

  it('round-trips every dtype exactly', () => {
    const decoded = decodeTensors(encodeTensors(tensors));
    expect(Object.keys(decoded).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, t] of Object.entries(tensors)) {
      expect(decoded[name].dtype).toBe(t.dtype);
      expect(decoded[name].dims).toEqual(t.dims);
      expect(Array.from(decoded[name].data as ArrayLike<unknown>)).toEqual(
        Array.from(t.data as ArrayLike<unknown>),
      );
    }
  });

  it('keys on the model version, the values, the shape and the input names', () => {
    const x = { x: float32Tensor([1, 2, 3, 4], [1, 4]) };
    const base = resultCacheKey('m', '1', x);
    expect(resultCacheKey('m', '1', { x: float32Tensor([1, 2, 3, 4], [1, 4]) })).toBe(base);
    expect(resultCacheKey('m', '2', x)).not.toBe(base);
    expect(resultCacheKey('n', '1', x)).not.toBe(base);
    expect(resultCacheKey('m', '1', { x: float32Tensor([1, 2, 3, 5], [1, 4]) })).not.toBe(base);
    expect(resultCacheKey('m', '1', { x: float32Tensor([1, 2, 3, 4], [2, 2]) })).not.toBe(base);
    expect(resultCacheKey('m', '1', { y: float32Tensor([1, 2, 3, 4], [1, 4]) })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
