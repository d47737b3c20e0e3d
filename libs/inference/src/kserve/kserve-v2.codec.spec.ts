import fc from 'fast-check';
import { DomainError } from '@suite/platform';
import type { NamedTensors } from '../engine/tensor.js';
import {
  decodeV2Tensors,
  encodeV2Tensors,
  fromV2InferResponse,
  fromV2TensorMetadata,
  toV2InferResponse,
  toV2ModelMetadata,
} from './kserve-v2.codec.js';

/** What goes over the wire: JSON text, parsed again. */
const overTheWire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('VALIDATION_FAILED');
    return ((err as DomainError).details?.fields ?? []).map((f) => f.field);
  }
  throw new Error('expected a validation error');
}

describe('KServe v2 codec', () => {
  it('round-trips every supported datatype through JSON unchanged', () => {
    const sut: NamedTensors = {
      f32: { dtype: 'float32', dims: [2, 2], data: Float32Array.of(0.1, -1e-30, 3.4e38, 0) },
      f64: { dtype: 'float64', dims: [1], data: Float64Array.of(Math.PI) },
      i64: { dtype: 'int64', dims: [3], data: BigInt64Array.of(0n, -9007199254740991n, 262143n) },
      i32: { dtype: 'int32', dims: [2], data: Int32Array.of(-(2 ** 31), 2 ** 31 - 1) },
      i8: { dtype: 'int8', dims: [2], data: Int8Array.of(-128, 127) },
      u8: { dtype: 'uint8', dims: [2], data: Uint8Array.of(0, 255) },
      flag: { dtype: 'bool', dims: [2], data: Uint8Array.of(1, 0) },
      text: { dtype: 'string', dims: [2], data: ['héllo', ''] },
    };
    const wire = overTheWire(encodeV2Tensors(sut)) as { datatype: string }[];
    expect(wire.map((t) => t.datatype)).toEqual([
      'FP32',
      'FP64',
      'INT64',
      'INT32',
      'INT8',
      'UINT8',
      'BOOL',
      'BYTES',
    ]);
    expect(decodeV2Tensors(wire)).toEqual(sut);
  });

  it('keeps float32 values identical through JSON, but for the sign of zero (property)', () => {
    fc.assert(
      fc.property(
        fc.float32Array({ minLength: 1, maxLength: 64, noNaN: true, noDefaultInfinity: true }),
        (values) => {
          const t = { dtype: 'float32' as const, dims: [values.length], data: values };
          const back = decodeV2Tensors(overTheWire(encodeV2Tensors({ x: t })));
          // JSON has no negative zero (JSON.stringify(-0) is "0"): -0 arrives as 0, which is === -0.
          const plusZero = (a: Float32Array) => Array.from(a, (v) => v + 0);
          expect(plusZero(back.x.data as Float32Array)).toEqual(plusZero(values));
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });

  it('accepts nested data in row-major order', () => {
    const sut = decodeV2Tensors([
      {
        name: 'x',
        shape: [2, 3],
        datatype: 'FP32',
        data: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
    ]);
    expect(Array.from(sut.x.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects data whose length does not match the shape, naming the field', () => {
    const inputs = [
      { name: 'a', shape: [1], datatype: 'FP32', data: [1] },
      { name: 'b', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3, 4, 5] },
    ];
    expect(fieldsOf(() => decodeV2Tensors(inputs))).toEqual(['inputs[1].data']);
    expect(() => decodeV2Tensors(inputs)).toThrow('has 5 elements but shape [2, 3] needs 6');
  });

  it.each([
    ['an unknown datatype', { name: 'x', shape: [1], datatype: 'FP8', data: [1] }, 'inputs[0].datatype'],
    ['a lower-case datatype', { name: 'x', shape: [1], datatype: 'fp32', data: [1] }, 'inputs[0].datatype'],
    [
      'a string in FP32 data',
      { name: 'x', shape: [2], datatype: 'FP32', data: [1, '2'] },
      'inputs[0].data[1]',
    ],
    [
      'a fraction in INT64 data',
      { name: 'x', shape: [1], datatype: 'INT64', data: [1.5] },
      'inputs[0].data[0]',
    ],
    ['an out-of-range UINT8', { name: 'x', shape: [1], datatype: 'UINT8', data: [256] }, 'inputs[0].data[0]'],
    ['a number as BOOL', { name: 'x', shape: [1], datatype: 'BOOL', data: [1] }, 'inputs[0].data[0]'],
    ['a negative dimension', { name: 'x', shape: [-1], datatype: 'FP32', data: [] }, 'inputs[0].shape'],
    [
      'ragged nested rows',
      { name: 'x', shape: [2, 2], datatype: 'FP32', data: [[1, 2], [3]] },
      'inputs[0].data',
    ],
    ['a missing name', { shape: [1], datatype: 'FP32', data: [1] }, 'inputs[0].name'],
  ])('rejects %s, naming the field', (_case, input, field) => {
    expect(fieldsOf(() => decodeV2Tensors([input]))).toEqual([field]);
  });

  it('rejects two inputs with the same name', () => {
    const x = { name: 'x', shape: [1], datatype: 'FP32', data: [1] };
    expect(fieldsOf(() => decodeV2Tensors([x, x]))).toEqual(['inputs[1].name']);
  });

  it('writes a response with the id echoed and only the requested outputs', () => {
    const result = {
      modelName: 'intent',
      modelVersion: '3',
      outputs: {
        logits: { dtype: 'float32' as const, dims: [1, 2], data: Float32Array.of(0.25, 0.75) },
        label: { dtype: 'int64' as const, dims: [1], data: BigInt64Array.of(1n) },
      },
    };
    const { body: sut, binary } = toV2InferResponse(result, { id: 'req-7', outputs: [{ name: 'label' }] });
    expect(binary).toEqual([]);
    expect(sut).toEqual({
      model_name: 'intent',
      model_version: '3',
      id: 'req-7',
      outputs: [{ name: 'label', shape: [1], datatype: 'INT64', data: [1] }],
    });
    expect(fromV2InferResponse(overTheWire(sut))).toEqual({
      modelName: 'intent',
      modelVersion: '3',
      outputs: { label: result.outputs.label },
    });
    expect(fieldsOf(() => toV2InferResponse(result, { outputs: [{ name: 'nope' }] }))).toEqual([
      'outputs[0].name',
    ]);
  });

  it('round-trips model metadata', () => {
    const status = {
      name: 'risk',
      version: '2',
      ready: true,
      platform: 'onnxruntime_onnx' as const,
      inputs: [{ name: 'features', dtype: 'float32' as const, shape: [-1, 23] }],
      outputs: [{ name: 'probability', dtype: 'float32' as const, shape: [-1, 1] }],
    };
    const sut = toV2ModelMetadata(status);
    expect(sut).toEqual({
      name: 'risk',
      versions: ['2'],
      platform: 'onnx_onnxv1',
      inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 23] }],
      outputs: [{ name: 'probability', datatype: 'FP32', shape: [-1, 1] }],
    });
    expect(sut.inputs.map((t, i) => fromV2TensorMetadata(t, `inputs[${i}]`))).toEqual(status.inputs);
  });
});
