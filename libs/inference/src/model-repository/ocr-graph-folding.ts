// Exact algebraic folding of the PP-OCRv4 models' activation blocks, the one change of ocr-det and
// ocr-rec version 2. paddle2onnx exports every PP-LCNetV3 activation of their backbones (no HardSwish
// op) as eight element-wise nodes after each convolution:
//
//   Conv(W, b) -> Mul(s1) -> Add(b1) -> x;   x * Clip(x + 3, 0, 6) / 6 -> Mul(s2) -> Add(b2)
//
// (the learnable affine blocks s1/b1 and s2/b2 around the hard-swish). onnxruntime runs them as eight
// passes over the feature map: about 60 % of the recogniser's CPU time in its profile. With z = s2 x:
//
//   s2 * x * clip(x + 3, 0, 6) / 6  =  z * HardSigmoid(z; alpha = 1 / (6 s2), beta = 0.5)
//
// so the block becomes Conv(W s1 s2, (b s1 + b1) s2) -> HardSigmoid -> Mul (-> Add(b2) when b2 is not
// 0): two or three passes instead of eight, the same function up to float rounding; a Conv + affine
// block without an activation becomes the convolution alone. Written here
// because no maintained JavaScript library rewrites ONNX graphs (onnx-simplifier and onnxoptimizer are
// Python and do not fold this pattern either).
import {
  attr,
  attributeProto,
  decodeModel,
  encodeModel,
  type NodeProto,
  onnx,
  readInitializer,
  tensorProto,
} from '@suite/onnx';

export interface FoldReport {
  /** Activation blocks folded (Conv + affine + hard-swish + affine). */
  blocks: number;
  /** Conv + affine blocks without an activation, folded into the convolution. */
  affineOnly: number;
  nodesBefore: number;
  nodesAfter: number;
}

interface Constant {
  node: NodeProto;
  data: Float32Array;
  dims: number[];
}

function floatAttr(node: NodeProto, name: string): number | undefined {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  return a?.f === undefined || a.f === null ? undefined : Number(a.f);
}

/** Folds every matching block; anything that does not match exactly is left as it is. */
export function foldActivationBlocks(bytes: Uint8Array): { bytes: Uint8Array; report: FoldReport } {
  const model = decodeModel(bytes);
  const graph = model.graph;
  if (!graph) throw new Error('the model has no graph');
  const nodes = graph.node as NodeProto[];
  const nodesBefore = nodes.length;
  const constants = new Map<string, Constant>();
  for (const n of nodes) {
    const t = n.opType === 'Constant' ? n.attribute?.find((a) => a.name === 'value')?.t : undefined;
    if (t && t.dataType === 1)
      constants.set(n.output![0], {
        node: n,
        data: readInitializer(t) as Float32Array,
        dims: (t.dims ?? []).map(Number),
      });
  }
  const consumers = new Map<string, NodeProto[]>();
  for (const n of nodes)
    for (const input of n.input ?? []) consumers.set(input, [...(consumers.get(input) ?? []), n]);
  for (const out of graph.output ?? [])
    consumers.set(out.name!, [...(consumers.get(out.name!) ?? []), out as never]);

  const only = (value: string, op: string): NodeProto | undefined => {
    const c = consumers.get(value) ?? [];
    return c.length === 1 && c[0].opType === op ? c[0] : undefined;
  };
  /** The scalar constant operand of a binary node whose other operand is `value`. */
  const scalarOperand = (node: NodeProto, value: string): number | undefined => {
    const [a, b] = node.input ?? [];
    const other = a === value ? b : b === value ? a : undefined;
    const c = other === undefined ? undefined : constants.get(other);
    return c && c.data.length === 1 && (consumers.get(other!) ?? []).length === 1 ? c.data[0] : undefined;
  };
  const isScalarConst = (name: string | undefined, value: number) => {
    const c = name === undefined ? undefined : constants.get(name);
    return c !== undefined && c.data.length === 1 && c.data[0] === value;
  };

  const removed = new Set<NodeProto>();
  const replacements = new Map<NodeProto, NodeProto[]>();
  const before = new Map<NodeProto, NodeProto>();
  let blocks = 0;
  let affineOnly = 0;
  for (const conv of nodes) {
    if (conv.opType !== 'Conv' || !conv.input || conv.input.length < 2) continue;
    const out = conv.output![0];
    const m1 = only(out, 'Mul');
    const s1 = m1 && scalarOperand(m1, out);
    const a1 = m1 && only(m1.output![0], 'Add');
    const b1 = a1 && scalarOperand(a1, m1!.output![0]);
    if (s1 === undefined || b1 === undefined || !a1) continue;
    const x = a1.output![0];
    const xs = consumers.get(x) ?? [];
    const add3 = xs.find((n) => n.opType === 'Add');
    const mul = xs.find((n) => n.opType === 'Mul');
    const clip = add3 && only(add3.output![0], 'Clip');
    const div = mul && only(mul.output![0], 'Div');
    const m2 = div && only(div.output![0], 'Mul');
    const s2 = m2 && scalarOperand(m2, div!.output![0]);
    const a2 = m2 && only(m2.output![0], 'Add');
    const b2 = a2 && scalarOperand(a2, m2!.output![0]);
    const hardSwish =
      xs.length === 2 &&
      add3 !== undefined &&
      mul !== undefined &&
      scalarOperandValue(add3, x) === 3 &&
      clip !== undefined &&
      isZeroToSix(clip) &&
      only(clip.output![0], 'Mul') === mul &&
      div !== undefined &&
      div.input![0] === mul.output![0] &&
      isScalarConst(div.input![1], 6) &&
      s2 !== undefined &&
      s2 !== 0 &&
      b2 !== undefined &&
      a2 !== undefined;
    const weight = constants.get(conv.input[1]);
    const bias = conv.input[2] ? constants.get(conv.input[2]) : undefined;
    if (!weight || (conv.input[2] && !bias)) continue;
    if ((consumers.get(conv.input[1]) ?? []).length !== 1) continue;
    if (bias && (consumers.get(conv.input[2]) ?? []).length !== 1) continue;

    // Conv(W s1 s2, (b s1 + b1) s2): its output is z = s2 x (s2 = 1 without a hard-swish).
    const post = hardSwish ? s2 : 1;
    const scale = s1 * post;
    const w = Float32Array.from(weight.data, (v) => v * scale);
    setConstant(weight, w, weight.dims);
    const channels = weight.dims[0];
    const b = Float32Array.from({ length: channels }, (_, k) => ((bias?.data[k] ?? 0) * s1 + b1) * post);
    const biasName = bias ? conv.input[2] : `${out}_folded_bias`;
    if (bias) setConstant(bias, b, [channels]);
    const emitted: NodeProto[] = [];
    if (!bias) {
      // A new bias, placed before the convolution (nodes stay in topological order).
      before.set(conv, constantNode(biasName, b, [channels]));
      conv.input = [conv.input[0], conv.input[1], biasName];
    }
    for (const n of [m1!, a1])
      for (const input of n.input ?? [])
        if (constants.get(input)?.data.length === 1) removed.add(constants.get(input)!.node);
    removed.add(m1!);
    removed.add(a1);
    replacements.set(conv, emitted);
    if (!hardSwish) {
      // Affine only: the convolution writes the affine block's output itself.
      conv.output = [x];
      affineOnly++;
      continue;
    }
    const gate = `${out}_hardsigmoid`;
    emitted.push(
      nodeOf('HardSigmoid', [out], [gate], `${out}_hs`, [
        attributeProto('alpha', attr.float(1 / (6 * s2!))),
        attributeProto('beta', attr.float(0.5)),
      ]),
    );
    const result = a2!.output![0];
    if (b2 === 0) {
      emitted.push(nodeOf('Mul', [out, gate], [result], `${out}_hswish`));
    } else {
      const product = `${out}_hswish`;
      emitted.push(nodeOf('Mul', [out, gate], [product], product));
      const b2Name = a2!.input!.find((name) => name !== m2!.output![0])!;
      emitted.push(nodeOf('Add', [product, b2Name], [result], `${out}_affine`));
    }
    for (const n of [add3!, clip!, mul!, div!, m2!, a2!]) removed.add(n);
    // The scalar constant s2 goes with its node (it had this one reader).
    for (const input of m2!.input ?? [])
      if (constants.get(input)?.data.length === 1) removed.add(constants.get(input)!.node);
    blocks++;
  }

  const rebuilt: NodeProto[] = [];
  for (const n of nodes) {
    if (removed.has(n)) continue;
    const first = before.get(n);
    if (first) rebuilt.push(first);
    rebuilt.push(n);
    const after = replacements.get(n);
    if (after) rebuilt.push(...after);
  }
  // A Constant read by nothing now (the 3 and 6 of a folded block) goes too.
  const reads = new Set<string>([...(graph.output ?? []).map((o) => o.name!)]);
  for (const n of rebuilt) for (const input of n.input ?? []) reads.add(input);
  graph.node = rebuilt.filter((n) => n.opType !== 'Constant' || reads.has(n.output![0]));
  return {
    bytes: encodeModel(model),
    report: { blocks, affineOnly, nodesBefore, nodesAfter: graph.node.length },
  };

  /** Clip(0, 6): attributes before opset 11, constant inputs from it on. */
  function isZeroToSix(clip: NodeProto): boolean {
    const inputs = clip.input ?? [];
    if (inputs.length === 1) return floatAttr(clip, 'min') === 0 && floatAttr(clip, 'max') === 6;
    return inputs.length === 3 && isScalarConst(inputs[1], 0) && isScalarConst(inputs[2], 6);
  }

  function scalarOperandValue(node: NodeProto, value: string): number | undefined {
    const [a, b] = node.input ?? [];
    const other = a === value ? b : b === value ? a : undefined;
    const c = other === undefined ? undefined : constants.get(other);
    return c && c.data.length === 1 ? c.data[0] : undefined;
  }
}

function setConstant(c: Constant, data: Float32Array, dims: number[]): void {
  const value = c.node.attribute!.find((a) => a.name === 'value')!;
  value.t = tensorProto(c.node.output![0], data, dims);
  c.data = data;
  c.dims = dims;
}

function constantNode(name: string, data: Float32Array, dims: number[]): NodeProto {
  return nodeOf('Constant', [], [name], name, [attributeProto('value', attr.tensor(data, dims))]);
}

function nodeOf(
  opType: string,
  input: string[],
  output: string[],
  name: string,
  attribute: ReturnType<typeof attributeProto>[] = [],
): NodeProto {
  return onnx.NodeProto.create({ opType, input, output, name, attribute, domain: '' });
}
