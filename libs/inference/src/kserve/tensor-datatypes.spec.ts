import type { DomainError } from '@suite/platform';
import {
  bf16ToNumber,
  halfToNumber,
  roundToBf16,
  roundToHalf,
  toModelData,
  type WireTensor,
} from './tensor-datatypes.js';

// Golden values: IEEE 754 binary16 and bfloat16 tables (e.g. 0.1 -> 0x2e66 -> 0.0999755859375).
describe('binary16 and bfloat16', () => {
  it.each([
    [0.1, 0.0999755859375],
    [1 / 3, 0.333251953125],
    [65504, 65504],
    [65519, 65504],
    [65520, Infinity],
    [-2.5, -2.5],
    [2 ** -24, 2 ** -24],
    [2 ** -25, 0], // halfway to the smallest subnormal: ties to even (0)
    [3 * 2 ** -25, 2 ** -23], // halfway between 1 and 2 subnormal steps: ties to even (2)
    [1 + 2 ** -11, 1], // halfway above 1: ties to even
    [4 - 2 ** -50, 4],
  ])('rounds %p to the binary16 value %p', (v, want) => {
    expect(roundToHalf(v)).toBe(want);
  });

  it.each([
    [0x3c00, 1],
    [0x2e66, 0.0999755859375],
    [0xc000, -2],
    [0x0001, 2 ** -24],
    [0x7bff, 65504],
    [0x7c00, Infinity],
  ])('reads binary16 bits %p as %p', (bits, want) => {
    expect(halfToNumber(bits)).toBe(want);
  });
  it('reads a binary16 NaN', () => expect(halfToNumber(0x7e00)).toBeNaN());

  it.each([
    [0.1, 0.10009765625],
    [1 / 3, 0.333984375],
    [1, 1],
    [-2, -2],
  ])('rounds %p to the bfloat16 value %p', (v, want) => {
    expect(roundToBf16(v)).toBe(want);
  });
  it('reads bfloat16 as the upper half of binary32', () => {
    expect([bf16ToNumber(0x3f80), bf16ToNumber(0xc000), bf16ToNumber(0x3dcd)]).toEqual([
      1, -2, 0.10009765625,
    ]);
  });
});

describe('toModelData', () => {
  const wire = (datatype: WireTensor['datatype'], values: WireTensor['values']): WireTensor => ({
    name: 'x',
    datatype,
    shape: [values.length],
    values,
  });
  const messageOf = (run: () => unknown): string => {
    try {
      run();
    } catch (err) {
      return (err as DomainError).message;
    }
    throw new Error('expected a refusal');
  };

  it('widens integers and floats without loss', () => {
    expect(Array.from(toModelData(wire('UINT16', [65535, 0]), 'int32', 'inputs[0]') as Int32Array)).toEqual([
      65535, 0,
    ]);
    expect(
      Array.from(toModelData(wire('UINT64', [2n ** 62n]), 'int64', 'inputs[0]') as BigInt64Array),
    ).toEqual([2n ** 62n]);
    expect(
      Array.from(toModelData(wire('INT32', [16777216]), 'float32', 'inputs[0]') as Float32Array),
    ).toEqual([16777216]);
    expect(Array.from(toModelData(wire('FP16', [0.5]), 'float64', 'inputs[0]') as Float64Array)).toEqual([
      0.5,
    ]);
  });

  it('refuses what would change a value, naming the tensor, the datatype and the model type', () => {
    expect(messageOf(() => toModelData(wire('UINT64', [2n ** 63n]), 'int64', 'inputs[0]'))).toMatch(
      /inputs\[0\]\.data\[0\].*UINT64.*"x".*INT64/,
    );
    expect(messageOf(() => toModelData(wire('INT32', [16777217]), 'float32', 'inputs[0]'))).toMatch(/2\^24/);
    expect(messageOf(() => toModelData(wire('FP32', [0.5]), 'int32', 'inputs[0]'))).toMatch(
      /inputs\[0\]\.datatype: tensor "x" is FP32.*INT32/,
    );
    expect(messageOf(() => toModelData(wire('BOOL', [true]), 'uint8', 'inputs[0]'))).toMatch(/BOOL/);
  });
});
