import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { attr, decodeModel, OnnxGraphBuilder } from '@suite/onnx';
import * as ort from 'onnxruntime-node';
import { foldActivationBlocks } from './ocr-graph-folding.js';
import { OCR_MODEL_SOURCES, OCR_MODEL_VERSION, ocrPackageAssetsDir, sourceSha256Of } from './ocr-models.js';

/** Seeded uniform values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

async function run(bytes: Uint8Array, x: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const out = await session.run({ x: new ort.Tensor('float32', x, dims) });
    return out[session.outputNames[0]].data as Float32Array;
  } finally {
    await session.release();
  }
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/**
 * paddle2onnx's block: Conv -> Mul(s1) -> Add(b1) -> x * Clip(x + 3, 0, 6) / 6 -> Mul(s2) -> Add(b2),
 * then a 1x1 Conv -> Mul -> Add without activation. Weights are Constant nodes, as in the PP-OCR files.
 */
function paddleBlock(opset: 9 | 11, s2: number, b2: number, extraReader = false): Uint8Array {
  const g = new OnnxGraphBuilder('block', opset);
  const constant = (name: string, data: Float32Array, dims: number[]) =>
    g.node('Constant', [], [name], { value: attr.tensor(data, dims) });
  const scalar = (name: string, v: number) => constant(name, Float32Array.of(v), [1]);
  g.input('x', 'float32', [1, 2, 6, 6]);
  constant('w', values(4 * 2 * 9, 1), [4, 2, 3, 3]);
  constant('b', values(4, 2), [4]);
  const conv = g.node('Conv', ['x', 'w', 'b'], ['conv'], { pads: attr.ints([1, 1, 1, 1]) });
  const m1 = g.node('Mul', [scalar('s1', 1.7), conv]);
  const x = g.node('Add', [m1, scalar('b1', 0.4)]);
  const plus3 = g.node('Add', [x, constant('three', Float32Array.of(3), [])]);
  const clip =
    opset === 9
      ? g.node('Clip', [plus3], 1, { min: attr.float(0), max: attr.float(6) })
      : g.node('Clip', [
          plus3,
          constant('zero', Float32Array.of(0), []),
          constant('six', Float32Array.of(6), []),
        ]);
  const product = g.node('Mul', [x, clip]);
  const swish = g.node('Div', [product, constant('six_d', Float32Array.of(6), [])]);
  const m2 = g.node('Mul', [scalar('s2', s2), swish]);
  const y = g.node('Add', [m2, scalar('b2', b2)]);
  constant('w2', values(3 * 4, 3), [3, 4, 1, 1]);
  const conv2 = g.node('Conv', [y, 'w2'], ['conv2']);
  const m3 = g.node('Mul', [scalar('s3', 0.5), conv2]);
  g.node('Add', [m3, scalar('b3', -0.25)], ['out']);
  g.output('out', 'float32', [1, 3, 6, 6]);
  if (extraReader) {
    // A second reader of the first convolution's output: folding would change what it sees.
    g.node('Relu', [conv], ['side']);
    g.output('side', 'float32', [1, 4, 6, 6]);
  }
  return g.toBytes();
}

describe('foldActivationBlocks', () => {
  it.each([
    [9, -0.8, 0.3],
    [11, 1.3, 0],
  ] as const)(
    'folds a paddle2onnx block (opset %i, s2 %d, b2 %d) into the same function',
    async (opset, s2, b2) => {
      const bytes = paddleBlock(opset, s2, b2);
      const { bytes: folded, report } = foldActivationBlocks(bytes);
      expect(report).toMatchObject({ blocks: 1, affineOnly: 1 });
      const ops = decodeModel(folded).graph!.node!.map((n) => n.opType);
      expect(ops.filter((op) => op !== 'Constant')).toEqual(
        b2 === 0 ? ['Conv', 'HardSigmoid', 'Mul', 'Conv'] : ['Conv', 'HardSigmoid', 'Mul', 'Add', 'Conv'],
      );
      const x = values(2 * 36, 7).map((v) => v * 4);
      const [before, after] = [await run(bytes, x, [1, 2, 6, 6]), await run(folded, x, [1, 2, 6, 6])];
      expect(before.length).toBe(3 * 36);
      expect(maxAbsDiff(before, after)).toBeLessThan(1e-5);
    },
  );

  it('leaves a block alone when another node reads the convolution it would change', async () => {
    const { report } = foldActivationBlocks(paddleBlock(9, 0.8, 0.3, true));
    expect(report.blocks).toBe(0);
    expect(report.affineOnly).toBe(1); // the second convolution is still folded
  });

  it.each(Object.entries(OCR_MODEL_SOURCES))(
    'rebuilds %s version 2 from the package file: the card checksum, the same outputs',
    async (model, file) => {
      const card = JSON.parse(
        await readFile(join('models', model, OCR_MODEL_VERSION, 'model.json'), 'utf8'),
      ) as { sha256: string; extra: Record<string, unknown> };
      const source = await readFile(join(ocrPackageAssetsDir(), file));
      expect(createHash('sha256').update(source).digest('hex')).toBe(sourceSha256Of(card as never));
      const { bytes, report } = foldActivationBlocks(source);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(card.sha256);
      expect(report.blocks).toBeGreaterThanOrEqual(24);
      expect(report.nodesAfter).toBeLessThan(0.75 * report.nodesBefore);
      const dims = model === 'ocr-rec' ? [1, 3, 48, 96] : [1, 3, 64, 64];
      const x = values(
        dims.reduce((a, b) => a * b, 1),
        11,
      );
      const [before, after] = [await run(source, x, dims), await run(bytes, x, dims)];
      expect(after.length).toBe(before.length);
      expect(maxAbsDiff(before, after)).toBeLessThan(1e-4);
    },
  );
});
