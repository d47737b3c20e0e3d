// Writes the logistic, softmax and MLP classifiers as ONNX graphs for libs/inference to serve.
// Two input layouts:
//   dense:  `features` float32 [batch, inputDim] -> Gemm
//   sparse: `indices` int64 [batch, nnz] + `values` float32 [batch, nnz] (hashed features) ->
//           Gather(W, indices) * values -> ReduceSum over nnz -> + bias, the sparse matmul that
//           ONNX has no operator for. Padding slots hold index 0 with value 0, so they add nothing.
// Then Relu + Gemm per further layer, and Sigmoid or Softmax into `probabilities`: [batch, 1] holding
// P(y = 1) for a binary model, [batch, classes] for a multiclass one (the row predictProba returns).
import { attr, OnnxGraphBuilder } from '@suite/onnx';
import type { SparseVector } from '../features/sparse-vector.js';
import type { FloatArray } from '../optim/parameter-set.js';
import type { FeedForwardNetwork } from '../training/trainable-classifier.js';

export type OnnxInputLayout = 'dense' | 'sparse';

export const ONNX_DENSE_INPUT = 'features';
export const ONNX_SPARSE_INDICES_INPUT = 'indices';
export const ONNX_SPARSE_VALUES_INPUT = 'values';
export const ONNX_PROBABILITIES_OUTPUT = 'probabilities';

export interface ClassifierOnnxExportOptions {
  input: OnnxInputLayout;
  graphName?: string;
  /** Extra metadata_props (model card fields, feature hashing config). */
  metadata?: Record<string, string>;
}

export interface ExportableClassifier {
  describeNetwork(): FeedForwardNetwork;
}

export function exportClassifierToOnnx(
  model: ExportableClassifier,
  options: ClassifierOnnxExportOptions,
): Uint8Array {
  const net = model.describeNetwork();
  const outputWidth = net.layers.at(-1)!.outputSize;
  const b = new OnnxGraphBuilder(options.graphName ?? 'classifier', 17);
  if (options.input === 'dense') b.input(ONNX_DENSE_INPUT, 'float32', ['batch', net.inputDim]);
  else {
    b.input(ONNX_SPARSE_INDICES_INPUT, 'int64', ['batch', 'nnz']);
    b.input(ONNX_SPARSE_VALUES_INPUT, 'float32', ['batch', 'nnz']);
  }
  b.output(ONNX_PROBABILITIES_OUTPUT, 'float32', ['batch', outputWidth]);

  let h = '';
  net.layers.forEach((layer, l) => {
    const w = b.initializer(`layer${l}.weights`, toFloat32(layer.weights), [
      layer.inputSize,
      layer.outputSize,
    ]);
    const bias = b.initializer(`layer${l}.bias`, toFloat32(layer.bias), [layer.outputSize]);
    if (l === 0 && options.input === 'sparse') {
      const rows = b.node('Gather', [w, ONNX_SPARSE_INDICES_INPUT], 1, { axis: attr.int(0) });
      const unsqueezeAxes = b.initializer('values.unsqueeze_axes', BigInt64Array.of(2n), [1]);
      const weighted = b.node('Mul', [rows, b.node('Unsqueeze', [ONNX_SPARSE_VALUES_INPUT, unsqueezeAxes])]);
      const nnzAxis = b.initializer('nnz_axis', BigInt64Array.of(1n), [1]);
      const pooled = b.node('ReduceSum', [weighted, nnzAxis], 1, { keepdims: attr.int(0) });
      h = b.node('Add', [pooled, bias]);
    } else {
      h = b.node('Gemm', [l === 0 ? ONNX_DENSE_INPUT : b.node('Relu', [h]), w, bias]);
    }
  });
  if (net.output === 'sigmoid') b.node('Sigmoid', [h], [ONNX_PROBABILITIES_OUTPUT]);
  else b.node('Softmax', [h], [ONNX_PROBABILITIES_OUTPUT], { axis: attr.int(-1) });
  return b.toBytes({
    'suite.input_layout': options.input,
    'suite.input_dim': String(net.inputDim),
    'suite.output': net.output,
    'suite.sparse_padding': 'index 0, value 0',
    ...options.metadata,
  });
}

export interface PackedSparseBatch {
  indices: BigInt64Array;
  values: Float32Array;
  /** Row width (the longest example's nnz, at least 1). */
  nnz: number;
}

/** Packs sparse examples into the export's [batch, nnz] inputs, padding with index 0 and value 0. */
export function packSparseBatch(xs: readonly SparseVector[], nnz?: number): PackedSparseBatch {
  const width = nnz ?? xs.reduce((m, x) => Math.max(m, x.indices.length), 1);
  const indices = new BigInt64Array(xs.length * width);
  const values = new Float32Array(xs.length * width);
  xs.forEach((x, r) => {
    if (x.indices.length > width)
      throw new RangeError(`example ${r} has ${x.indices.length} features > ${width}`);
    for (let k = 0; k < x.indices.length; k++) {
      indices[r * width + k] = BigInt(x.indices[k]);
      values[r * width + k] = x.values[k];
    }
  });
  return { indices, values, nnz: width };
}

function toFloat32(a: FloatArray): Float32Array {
  return a instanceof Float32Array ? a : Float32Array.from(a);
}
