// Small editing toolkit over a decoded ONNX graph: find constant weights, mint unique names, emit
// replacement nodes in place (which keeps the topological order the ONNX spec requires), and drop
// initializers nothing reads any more.
import {
  attributeProto,
  type GraphProto,
  type InitializerData,
  type NodeProto,
  onnx,
  type OnnxAttr,
  readInitializer,
  tensorProto,
  type TensorProto,
} from '@suite/onnx';

export const ONNX_FLOAT = onnx.TensorProto.DataType.FLOAT;

export interface FloatMatrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

export function intAttribute(node: NodeProto, name: string, fallback: number): number {
  const found = (node.attribute ?? []).find((a) => a.name === name);
  return found?.i !== undefined && found.i !== null ? Number(found.i) : fallback;
}

export function floatAttribute(node: NodeProto, name: string, fallback: number): number {
  const found = (node.attribute ?? []).find((a) => a.name === name);
  return found?.f !== undefined && found.f !== null ? Number(found.f) : fallback;
}

/** Every value name a node reads, including nodes inside subgraphs (If/Loop/Scan bodies). */
function collectReads(graph: GraphProto, into: Map<string, number>): void {
  for (const node of graph.node ?? []) {
    for (const input of node.input ?? []) if (input) into.set(input, (into.get(input) ?? 0) + 1);
    for (const a of node.attribute ?? []) {
      if (a.g) collectReads(a.g as GraphProto, into);
      for (const g of a.graphs ?? []) collectReads(g as GraphProto, into);
    }
  }
  for (const output of graph.output ?? [])
    if (output.name) into.set(output.name, (into.get(output.name) ?? 0) + 1);
}

export class GraphEditor {
  private readonly initializers = new Map<string, TensorProto>();
  private readonly graphInputs: Set<string>;
  private readonly taken = new Set<string>();
  private emitted: NodeProto[] = [];

  constructor(readonly graph: GraphProto) {
    for (const t of graph.initializer ?? []) if (t.name) this.initializers.set(t.name, t as TensorProto);
    // Old-style models list initializers as graph inputs too, which lets callers override them: such a
    // weight is not a constant and must stay float.
    this.graphInputs = new Set((graph.input ?? []).map((i) => i.name ?? ''));
    for (const name of this.initializers.keys()) this.taken.add(name);
    for (const name of this.graphInputs) this.taken.add(name);
    for (const node of graph.node ?? []) {
      for (const n of [...(node.input ?? []), ...(node.output ?? [])]) this.taken.add(n);
      if (node.name) this.taken.add(node.name);
    }
  }

  /** A 2-D float constant, or undefined when `name` is anything else. */
  floatMatrix(name: string | undefined): FloatMatrix | undefined {
    if (!name || this.graphInputs.has(name)) return undefined;
    const t = this.initializers.get(name);
    if (!t || t.dataType !== ONNX_FLOAT || (t.dims ?? []).length !== 2) return undefined;
    const [rows, cols] = (t.dims ?? []).map(Number);
    return { data: readInitializer(t) as Float32Array, rows, cols };
  }

  floatConstant(name: string): Float32Array | undefined {
    if (this.graphInputs.has(name)) return undefined;
    const t = this.initializers.get(name);
    return t && t.dataType === ONNX_FLOAT ? (readInitializer(t) as Float32Array) : undefined;
  }

  isConstant(name: string): boolean {
    return this.initializers.has(name) && !this.graphInputs.has(name);
  }

  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  addInitializer(base: string, data: InitializerData, dims: number[]): string {
    const name = this.uniqueName(base);
    const t = tensorProto(name, data, dims);
    this.initializers.set(name, t);
    (this.graph.initializer ??= []).push(t);
    return name;
  }

  /** Emits a node into the graph being rebuilt; returns its first output. */
  emit(
    opType: string,
    inputs: string[],
    outputs: string[],
    attrs: Record<string, OnnxAttr> = {},
    domain = '',
  ): string {
    this.emitted.push(
      onnx.NodeProto.create({
        opType,
        domain,
        name: this.uniqueName(`${opType}_q`),
        input: inputs,
        output: outputs,
        attribute: Object.entries(attrs).map(([k, v]) => attributeProto(k, v)),
      }),
    );
    return outputs[0];
  }

  keep(node: NodeProto): void {
    this.emitted.push(node);
  }

  /** Replaces the graph's nodes by what was emitted and drops initializers that nothing reads. */
  commit(): { removedInitializers: string[] } {
    this.graph.node = this.emitted;
    this.emitted = [];
    const reads = new Map<string, number>();
    collectReads(this.graph, reads);
    const removed: string[] = [];
    this.graph.initializer = (this.graph.initializer ?? []).filter((t) => {
      const used = reads.has(t.name ?? '') || this.graphInputs.has(t.name ?? '');
      if (!used) removed.push(t.name ?? '');
      return used;
    });
    return { removedInitializers: removed };
  }
}
