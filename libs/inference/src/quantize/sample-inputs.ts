// Seeded sample inputs for a model we know only by its ONNX graph: what the quantization report
// feeds both the fp32 and the int8 model when the caller brings no sample of its own.
import type { NamedTensors, Tensor } from '../engine/tensor.js';
import { decodeModel, elemTypeOf, type GraphProto } from '@suite/onnx';

/** mulberry32: a tiny seeded PRNG; sample data needs reproducibility, not statistical strength. */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box-Muller over a seeded uniform stream. */
export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface SampleOptions {
  batch: number;
  seed: number;
  /** Length given to symbolic dimensions other than the first (sequence lengths). */
  symbolicLength?: number;
}

/** Indices fed to a Gather over a constant table must stay below the table's first dimension. */
function indexBounds(graph: GraphProto): Map<string, number> {
  const rows = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', Number(t.dims?.[0] ?? 1)]));
  const bounds = new Map<string, number>();
  for (const node of graph.node ?? []) {
    if (node.opType !== 'Gather') continue;
    const table = rows.get(node.input?.[0] ?? '');
    const indices = node.input?.[1] ?? '';
    if (table !== undefined) bounds.set(indices, Math.min(bounds.get(indices) ?? table, table));
  }
  return bounds;
}

export function sampleInputsFor(modelBytes: Uint8Array, options: SampleOptions): NamedTensors {
  const graph = decodeModel(modelBytes).graph as GraphProto | null;
  if (!graph) throw new Error('the ONNX file has no graph');
  const constants = new Set((graph.initializer ?? []).map((t) => t.name));
  const bounds = indexBounds(graph);
  const normal = seededNormal(options.seed);
  const uniform = seededUniform(options.seed ^ 0x9e3779b9);
  const feeds: NamedTensors = {};
  for (const input of graph.input ?? []) {
    const name = input.name ?? '';
    if (constants.has(name)) continue;
    const type = input.type?.tensorType;
    if (!type) throw new Error(`input ${name} is not a tensor`);
    const dims = (type.shape?.dim ?? []).map((d, i) =>
      d.dimValue !== undefined && d.dimValue !== null && Number(d.dimValue) > 0
        ? Number(d.dimValue)
        : i === 0
          ? options.batch
          : (options.symbolicLength ?? 8),
    );
    const count = dims.reduce((a, b) => a * b, 1);
    const dtype = elemTypeOf(type.elemType ?? 0);
    const bound = bounds.get(name) ?? 2;
    let tensor: Tensor;
    switch (dtype) {
      case 'float32':
        tensor = { dtype, dims, data: Float32Array.from({ length: count }, normal) };
        break;
      case 'float64':
        tensor = { dtype, dims, data: Float64Array.from({ length: count }, normal) };
        break;
      case 'int64':
        tensor = {
          dtype,
          dims,
          data: BigInt64Array.from({ length: count }, () => BigInt(Math.floor(uniform() * bound))),
        };
        break;
      case 'int32':
        tensor = {
          dtype,
          dims,
          data: Int32Array.from({ length: count }, () => Math.floor(uniform() * bound)),
        };
        break;
      case 'int8':
      case 'uint8':
      case 'bool':
      case 'string':
        throw new Error(`cannot make a sample for ${dtype} input ${name}; pass a sample`);
    }
    feeds[name] = tensor;
  }
  return feeds;
}
