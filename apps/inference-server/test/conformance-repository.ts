// The model repositories the KServe v2 conformance test serves (Triton layout, real ONNX graphs run by
// real onnxruntime): one model per tensor type our engine takes, each returning its input twice (`y`,
// `z`) so that every value a client sends can be checked on the way back; the shipped risk model; a
// model whose weights were never imported (like the OCR models on a fresh clone); and, for the
// not-ready server, a model whose file does not match its card.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelCard, TensorDtype } from '@suite/inference';
import { OnnxGraphBuilder } from '@suite/onnx';

/** Every dtype a model can take in our engine, and the model that takes it. */
export const MODEL_OF_DTYPE: Record<TensorDtype, string> = {
  float32: 't-fp32',
  float64: 't-fp64',
  int64: 't-int64',
  int32: 't-int32',
  int8: 't-int8',
  uint8: 't-uint8',
  bool: 't-bool',
  string: 't-bytes',
};

export const ABSENT_MODEL = 'absent-weights';
export const TAMPERED_MODEL = 'tampered';
export const SHIPPED_MODEL = 'risk-default';

function identityGraph(dtype: TensorDtype): Uint8Array {
  const b = new OnnxGraphBuilder(`identity-${dtype}`)
    .input('x', dtype, ['batch', 2])
    .output('y', dtype, ['batch', 2])
    .output('z', dtype, ['batch', 2]);
  b.node('Identity', ['x'], ['y']);
  b.node('Identity', ['x'], ['z']);
  return b.toBytes();
}

function writeVersion(
  root: string,
  name: string,
  version: string,
  dtype: TensorDtype,
  bytes: Uint8Array | undefined,
  sha256?: string,
): void {
  const digest =
    sha256 ??
    createHash('sha256')
      .update(bytes ?? identityGraph(dtype))
      .digest('hex');
  const card: ModelCard = {
    name,
    version,
    task: 'conformance',
    createdAt: '2026-01-01T00:00:00.000Z',
    file: 'model.onnx',
    sha256: digest,
    inputs: [{ name: 'x', dtype, shape: [-1, 2] }],
    outputs: [
      { name: 'y', dtype, shape: [-1, 2] },
      { name: 'z', dtype, shape: [-1, 2] },
    ],
  };
  mkdirSync(join(root, name, version), { recursive: true });
  if (bytes) writeFileSync(join(root, name, version, 'model.onnx'), bytes);
  writeFileSync(join(root, name, version, 'model.json'), JSON.stringify(card));
}

/** A repository every model of which can be served, plus one whose weights are absent. */
export function writeReadyRepository(root: string): void {
  for (const [dtype, name] of Object.entries(MODEL_OF_DTYPE) as [TensorDtype, string][]) {
    writeVersion(root, name, '1', dtype, identityGraph(dtype));
  }
  // Two versions, to request one explicitly.
  writeVersion(root, MODEL_OF_DTYPE.float32, '2', 'float32', identityGraph('float32'));
  writeVersion(root, ABSENT_MODEL, '1', 'float32', undefined);
  cpSync(resolve('models', SHIPPED_MODEL), join(root, SHIPPED_MODEL), { recursive: true });
}

/** A repository with a model that must be ready and cannot be: the server is not ready. */
export function writeNotReadyRepository(root: string): void {
  writeVersion(root, MODEL_OF_DTYPE.float32, '1', 'float32', identityGraph('float32'));
  writeVersion(root, TAMPERED_MODEL, '1', 'float32', identityGraph('float32'), '0'.repeat(64));
}
