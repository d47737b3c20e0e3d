// int8 quantization of an ONNX model, in TypeScript, with no Python toolchain. Rewrites the graph the
// way onnxruntime.quantization does (https://onnxruntime.ai/docs/performance/model-optimizations/quantization.html):
// - dynamic: DynamicQuantizeLinear on the activation, int8/uint8 weights, MatMulInteger, Cast, Mul by
//   (activation scale x weight scale), Add of the bias for Gemm (quantize_dynamic's QOperator form);
// - weight-only: symmetric int8 weights with one scale per block of K, dequantized by
//   DequantizeLinear-21 (block_size) right before the MatMul/Gemm, which stays in float.
// Embedding tables read by Gather (hashed sparse models) are quantized per row in both modes.
import {
  attr,
  decodeModel,
  encodeModel,
  type GraphProto,
  type NodeProto,
  type ModelProto,
} from '@suite/onnx';
import { floatAttribute, GraphEditor, intAttribute, ONNX_FLOAT } from './graph-editor.js';
import { detectInt8Cpu, dynamicWeightTypeFor } from './int8-cpu-support.js';
import {
  quantizeBlockwise,
  quantizeForMatMul,
  quantizeRows,
  transposeMatrix,
  type WeightType,
} from './weight-quantization.js';

export type QuantizationMode = 'dynamic' | 'weight-only';

export interface QuantizeOptions {
  mode: QuantizationMode;
  /** weight-only: elements of K sharing one scale. */
  blockSize?: number;
  /**
   * dynamic: int8 symmetric (quantize_dynamic's default) or uint8 asymmetric weights; default, the
   * one that is exact on this CPU (int8-cpu-support.ts: int8 with VNNI, uint8 without).
   */
  weightType?: WeightType;
  /** dynamic: one scale per output column instead of one per tensor. */
  perColumn?: boolean;
  /** dynamic: 7-bit weights, for AVX2 CPUs without VNNI (see weight-quantization.ts). */
  reduceRange?: boolean;
  /** Weights smaller than this stay float: scales would cost more than they save. */
  minElements?: number;
}

export interface QuantizedWeight {
  node: string;
  opType: string;
  weight: string;
  elements: number;
  scheme: string;
}

export interface QuantizedModel {
  bytes: Uint8Array;
  quantized: QuantizedWeight[];
  skipped: { node: string; opType: string; reason: string }[];
  /** How weight-only weights are dequantized: DequantizeLinear needs opset 21 (see canRaiseToOpset21). */
  weightOnlyOperator?: 'DequantizeLinear' | 'MatMulNBits';
  opset: number;
}

export const DEFAULT_BLOCK_SIZE = 128;

// Ops whose semantics are identical from opset 13 to 21 (later versions only add types or optional
// inputs/attributes with backward-compatible defaults). Reduce*-but-Sum (axes became an input in
// 18), Split (18) and Resize are missing on purpose: raising the opset would change their meaning.
const SAME_FROM_13_TO_21 = new Set(
  (
    'Abs Acos Acosh Add And ArgMax ArgMin Asin Asinh Atan Atanh AveragePool BatchNormalization Cast CastLike ' +
    'Ceil Celu Clip Concat Constant ConstantOfShape Conv ConvTranspose Cos Cosh CumSum DequantizeLinear Div ' +
    'Dropout DynamicQuantizeLinear Einsum Elu Equal Erf Exp Expand Flatten Floor Gather GatherElements ' +
    'GatherND Gemm GlobalAveragePool GlobalMaxPool Greater GreaterOrEqual HardSigmoid HardSwish Identity ' +
    'InstanceNormalization IsInf IsNaN LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax MatMul ' +
    'MatMulInteger Max MaxPool Mean Min Mod Mul Neg NonZero Not OneHot Or Pad Pow PRelu QuantizeLinear Range ' +
    'Reciprocal ReduceSum Relu Reshape Round Selu Shape Sigmoid Sign Sin Sinh Size Slice Softmax Softplus ' +
    'Softsign Sqrt Squeeze Sub Sum Tan Tanh Tile TopK Transpose Trilu Unsqueeze Where Xor'
  ).split(' '),
);

const isDefaultDomain = (domain: string | null | undefined) => !domain || domain === 'ai.onnx';

function defaultOpset(model: ModelProto): number {
  const entry = (model.opsetImport ?? []).find((o) => isDefaultDomain(o.domain));
  return entry ? Number(entry.version) : 1;
}

function everyNode(graph: GraphProto, test: (node: NodeProto) => boolean): boolean {
  return (graph.node ?? []).every(
    (node) =>
      test(node as NodeProto) &&
      (node.attribute ?? []).every(
        (a) =>
          (!a.g || everyNode(a.g as GraphProto, test)) &&
          (a.graphs ?? []).every((g) => everyNode(g as GraphProto, test)),
      ),
  );
}

/** Whether the default-domain opset may be raised to 21 without changing what any node computes. */
export function canRaiseToOpset21(model: ModelProto): boolean {
  const opset = defaultOpset(model);
  if (opset >= 21) return true;
  if (opset < 13 || !model.graph) return false;
  return everyNode(
    model.graph as GraphProto,
    (n) => !isDefaultDomain(n.domain) || SAME_FROM_13_TO_21.has(n.opType ?? ''),
  );
}

function setOpset(model: ModelProto, domain: string, version: number): void {
  const entry = (model.opsetImport ?? []).find((o) =>
    domain ? o.domain === domain : isDefaultDomain(o.domain),
  );
  if (entry) entry.version = Math.max(Number(entry.version), version);
  else (model.opsetImport ??= []).push({ domain, version });
}

class Rewriter {
  readonly quantized: QuantizedWeight[] = [];
  readonly skipped: QuantizedModel['skipped'] = [];
  private readonly activationCodes = new Map<string, [string, string, string]>();

  constructor(
    private readonly g: GraphEditor,
    private readonly options: Required<QuantizeOptions>,
    private readonly weightOnlyOperator: 'DequantizeLinear' | 'MatMulNBits',
  ) {}

  rewrite(node: NodeProto): void {
    const op = node.opType ?? '';
    const name = node.name || `${op}:${node.output?.[0] ?? '?'}`;
    if (!isDefaultDomain(node.domain) || !['MatMul', 'Gemm', 'Gather'].includes(op)) return this.g.keep(node);
    const weightName = op === 'Gather' ? node.input?.[0] : node.input?.[1];
    const weight = this.g.floatMatrix(weightName);
    const reason = !weight
      ? 'weight is not a 2-D float constant'
      : weight.rows * weight.cols < this.options.minElements
        ? `weight has fewer than ${this.options.minElements} elements`
        : op === 'Gemm' && intAttribute(node, 'transA', 0) !== 0
          ? 'Gemm with transA is not rewritten'
          : op === 'Gather' && intAttribute(node, 'axis', 0) !== 0
            ? 'Gather on an axis other than 0'
            : op !== 'Gather' && this.g.isConstant(node.input?.[0] ?? '')
              ? 'activation is a constant'
              : undefined;
    if (!weight || reason) {
      this.skipped.push({ node: name, opType: op, reason: reason ?? 'not quantizable' });
      return this.g.keep(node);
    }
    const scheme =
      op === 'Gather'
        ? this.rewriteGather(node, weight.data, weight.rows, weight.cols)
        : this.options.mode === 'dynamic'
          ? this.rewriteDynamic(node, weight.data, weight.rows, weight.cols)
          : this.rewriteWeightOnly(node, weight.data, weight.rows, weight.cols);
    this.quantized.push({
      node: name,
      opType: op,
      weight: weightName ?? '',
      elements: weight.data.length,
      scheme,
    });
  }

  private activationCodesOf(activation: string): [string, string, string] {
    // One DynamicQuantizeLinear per activation, shared by every MatMul that reads it (as onnxruntime does).
    const cached = this.activationCodes.get(activation);
    if (cached) return cached;
    const outs: [string, string, string] = [
      this.g.uniqueName(`${activation}_quantized`),
      this.g.uniqueName(`${activation}_scale`),
      this.g.uniqueName(`${activation}_zero_point`),
    ];
    this.g.emit('DynamicQuantizeLinear', [activation], outs);
    this.activationCodes.set(activation, outs);
    return outs;
  }

  /** Y = alpha * A.W + beta * C for Gemm, Y = A.W for MatMul, with W as [K, N]. */
  private gemmParts(node: NodeProto, w: Float32Array, rows: number, cols: number) {
    const isGemm = node.opType === 'Gemm';
    const transB = isGemm && intAttribute(node, 'transB', 0) !== 0;
    return {
      isGemm,
      transB,
      kn: transB ? transposeMatrix(w, rows, cols) : w,
      k: transB ? cols : rows,
      n: transB ? rows : cols,
      alpha: isGemm ? floatAttribute(node, 'alpha', 1) : 1,
      beta: isGemm ? floatAttribute(node, 'beta', 1) : 1,
      bias: isGemm ? node.input?.[2] || undefined : undefined,
      output: node.output?.[0] ?? '',
    };
  }

  /** Adds beta * C to `product` for Gemm, writing the node's own output name. */
  private addBias(product: string, parts: ReturnType<Rewriter['gemmParts']>): void {
    if (!parts.bias) return;
    let bias = parts.bias;
    if (parts.beta !== 1) {
      const constant = this.g.floatConstant(bias);
      const dims = (this.g.graph.initializer ?? []).find((t) => t.name === bias)?.dims?.map(Number);
      bias =
        constant && dims
          ? this.g.addInitializer(
              `${bias}_beta`,
              constant.map((v) => v * parts.beta),
              dims,
            )
          : this.g.emit(
              'Mul',
              [bias, this.g.addInitializer(`${bias}_beta`, Float32Array.of(parts.beta), [])],
              [this.g.uniqueName(`${bias}_scaled`)],
            );
    }
    this.g.emit('Add', [product, bias], [parts.output]);
  }

  private rewriteDynamic(node: NodeProto, w: Float32Array, rows: number, cols: number): string {
    const parts = this.gemmParts(node, w, rows, cols);
    const { weightType, perColumn, reduceRange } = this.options;
    const q = quantizeForMatMul(parts.kn, parts.k, parts.n, { weightType, perColumn, reduceRange });
    const base = node.input?.[1] ?? 'W';
    const scaleDims = perColumn ? [parts.n] : [];
    const codes = this.g.addInitializer(`${base}_quantized`, q.codes, [parts.k, parts.n]);
    // alpha folds into the weight scale: alpha * (sa * sw) * (qa - za).(qw - zw).
    const scales = this.g.addInitializer(
      `${base}_scale`,
      q.scales.map((s) => s * parts.alpha),
      scaleDims,
    );
    const [aq, as, az] = this.activationCodesOf(node.input?.[0] ?? '');
    const inputs = [aq, codes, az];
    if (q.zeroPoints) inputs.push(this.g.addInitializer(`${base}_zero_point`, q.zeroPoints, scaleDims));
    const int32 = this.g.emit('MatMulInteger', inputs, [this.g.uniqueName(`${parts.output}_int32`)]);
    const float = this.g.emit('Cast', [int32], [this.g.uniqueName(`${parts.output}_float`)], {
      to: attr.int(ONNX_FLOAT),
    });
    const scale = this.g.emit('Mul', [as, scales], [this.g.uniqueName(`${parts.output}_scale`)]);
    const product = parts.bias ? this.g.uniqueName(`${parts.output}_product`) : parts.output;
    this.g.emit('Mul', [float, scale], [product]);
    this.addBias(product, parts);
    return `${weightType} ${perColumn ? 'per-column' : 'per-tensor'}${reduceRange ? ' 7-bit' : ''}, MatMulInteger`;
  }

  private rewriteWeightOnly(node: NodeProto, w: Float32Array, rows: number, cols: number): string {
    const { blockSize } = this.options;
    const base = node.input?.[1] ?? 'W';
    if (this.weightOnlyOperator === 'DequantizeLinear') {
      // Blocks run along K: axis 0 of a [K, N] weight, axis 1 of a Gemm weight stored transposed.
      const axis = node.opType === 'Gemm' && intAttribute(node, 'transB', 0) !== 0 ? 1 : 0;
      const q = quantizeBlockwise(w, rows, cols, axis, blockSize);
      const codes = this.g.addInitializer(`${base}_quantized`, q.codes, [rows, cols]);
      const scales = this.g.addInitializer(`${base}_scale`, q.scales, q.scaleDims);
      const dequantized = this.g.emit(
        'DequantizeLinear',
        [codes, scales],
        [this.g.uniqueName(`${base}_dequantized`)],
        {
          axis: attr.int(axis),
          block_size: attr.int(blockSize),
        },
      );
      node.input = [...(node.input ?? [])];
      node.input[1] = dequantized;
      this.g.keep(node);
      return `int8 symmetric, block ${blockSize} along K, DequantizeLinear`;
    }
    // MatMulNBits (com.microsoft) takes B as [N, blocks, block_size] uint8 with the implicit zero point
    // 2^(bits-1) = 128, so symmetric int8 codes are stored shifted by 128, the K tail padded with zeros.
    const parts = this.gemmParts(node, w, rows, cols);
    const nk = transposeMatrix(parts.kn, parts.k, parts.n);
    const q = quantizeBlockwise(nk, parts.n, parts.k, 1, blockSize);
    const blocks = q.scaleDims[1];
    const packed = new Uint8Array(parts.n * blocks * blockSize).fill(128);
    for (let n = 0; n < parts.n; n++) {
      for (let k = 0; k < parts.k; k++) packed[n * blocks * blockSize + k] = q.codes[n * parts.k + k] + 128;
    }
    const codes = this.g.addInitializer(`${base}_quantized`, packed, [parts.n, blocks, blockSize]);
    const scales = this.g.addInitializer(
      `${base}_scale`,
      q.scales.map((s) => s * parts.alpha),
      [parts.n * blocks],
    );
    const product = parts.bias ? this.g.uniqueName(`${parts.output}_product`) : parts.output;
    this.g.emit(
      'MatMulNBits',
      [node.input?.[0] ?? '', codes, scales],
      [product],
      { K: attr.int(parts.k), N: attr.int(parts.n), bits: attr.int(8), block_size: attr.int(blockSize) },
      'com.microsoft',
    );
    this.addBias(product, parts);
    return `int8 symmetric, block ${blockSize} along K, MatMulNBits`;
  }

  private rewriteGather(node: NodeProto, table: Float32Array, rows: number, cols: number): string {
    const base = node.input?.[0] ?? 'table';
    const indices = node.input?.[1] ?? '';
    const output = node.output?.[0] ?? '';
    const q = quantizeRows(table, rows, cols);
    const codes = this.g.addInitializer(`${base}_quantized`, q.codes, [rows, cols]);
    const scales = this.g.addInitializer(`${base}_scale`, q.scales, [rows, 1]);
    const rowCodes = this.g.emit('Gather', [codes, indices], [this.g.uniqueName(`${output}_codes`)], {
      axis: attr.int(0),
    });
    const rowScales = this.g.emit('Gather', [scales, indices], [this.g.uniqueName(`${output}_scales`)], {
      axis: attr.int(0),
    });
    const rowFloats = this.g.emit('Cast', [rowCodes], [this.g.uniqueName(`${output}_float`)], {
      to: attr.int(ONNX_FLOAT),
    });
    this.g.emit('Mul', [rowFloats, rowScales], [output]);
    return 'int8 symmetric per row, Gather';
  }
}

/** Quantizes every MatMul/Gemm weight and Gather table of a float ONNX model; see the file header. */
export function quantizeOnnxModel(bytes: Uint8Array, options: QuantizeOptions): QuantizedModel {
  const resolved: Required<QuantizeOptions> = {
    blockSize: DEFAULT_BLOCK_SIZE,
    weightType: dynamicWeightTypeFor(detectInt8Cpu()),
    perColumn: true,
    reduceRange: false,
    minElements: 1024,
    ...options,
  };
  if (!Number.isInteger(resolved.blockSize) || resolved.blockSize < 16) {
    throw new Error(`block size must be an integer >= 16, got ${resolved.blockSize}`);
  }
  const model = decodeModel(bytes);
  if (!model.graph) throw new Error('the ONNX file has no graph');
  if (defaultOpset(model) < 11)
    throw new Error(`opset ${defaultOpset(model)} is too old (DynamicQuantizeLinear needs 11)`);
  const raise = resolved.mode === 'weight-only' && canRaiseToOpset21(model);
  const weightOnlyOperator = raise ? 'DequantizeLinear' : 'MatMulNBits';
  if (resolved.mode === 'weight-only' && !raise && (resolved.blockSize & (resolved.blockSize - 1)) !== 0) {
    throw new Error(
      `MatMulNBits (used because this graph cannot move to opset 21) needs a power-of-two block size`,
    );
  }
  const editor = new GraphEditor(model.graph as GraphProto);
  const rewriter = new Rewriter(editor, resolved, weightOnlyOperator);
  const original = [...(model.graph.node ?? [])] as NodeProto[];
  for (const node of original) rewriter.rewrite(node);
  editor.commit();

  const usesMatMulWeights = rewriter.quantized.some((q) => q.opType !== 'Gather');
  if (resolved.mode === 'weight-only' && usesMatMulWeights) {
    if (raise) {
      setOpset(model, '', 21);
      // Opset 21 needs IR version 10 (onnx/onnx docs/Versioning.md).
      model.irVersion = Math.max(Number(model.irVersion ?? 0), 10);
    } else {
      setOpset(model, 'com.microsoft', 1);
    }
  }
  (model.metadataProps ??= []).push({ key: 'quantization', value: resolved.mode });
  return {
    bytes: encodeModel(model),
    quantized: rewriter.quantized,
    skipped: rewriter.skipped,
    weightOnlyOperator: resolved.mode === 'weight-only' && usesMatMulWeights ? weightOnlyOperator : undefined,
    opset: defaultOpset(model),
  };
}
