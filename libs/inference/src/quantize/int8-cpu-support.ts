// Which int8 arithmetic is exact on this CPU. onnxruntime's x86-64 MatMulInteger kernel for uint8
// activations x int8 weights (U8S8) uses VPMADDUBSW on CPUs without VNNI: it adds two u8 x s8
// products into an int16 and saturates, so |a1 w1 + a2 w2| > 32767 is clipped (255 x 127 x 2 = 64770
// can occur). VNNI (VPDPBUSD) accumulates into int32 and never saturates. onnxruntime's own guidance
// (docs/performance/model-optimizations/quantization.html, "When to use reduce_range"): without VNNI
// use 7-bit weights (reduce_range) or uint8 weights (U8U8, widened to int16 x int16 -> int32 by
// VPMADDWD, no saturation). We choose U8U8 there: full 8-bit weights, exact on every x86-64 CPU.
import { readFileSync } from 'node:fs';
import {
  decodeModel,
  encodeModel,
  type GraphProto,
  onnx,
  readInitializer,
  tensorProto,
  type TensorProtoLike,
} from '@suite/onnx';
import type { WeightType } from './weight-quantization.js';

export interface Int8CpuProfile {
  arch: string;
  /** True when U8S8 dot products may saturate (x86-64 without VNNI). */
  u8s8Saturates: boolean;
  /** The instruction-set facts behind the choice, for logs and reports. */
  features: string[];
  source: 'cpuinfo' | 'override' | 'assumed';
}

/** INFERENCE_INT8_CPU=vnni | no-vnni overrides detection (to build or test for another machine). */
export const INT8_CPU_OVERRIDE = 'INFERENCE_INT8_CPU';

const VNNI_FLAGS = ['avx512_vnni', 'avx_vnni', 'amx_int8'];

/** Parses the `flags` line of /proc/cpuinfo (x86 Linux). */
export function int8ProfileFromCpuFlags(flags: readonly string[], arch = 'x64'): Int8CpuProfile {
  const features = VNNI_FLAGS.filter((f) => flags.includes(f));
  for (const f of ['avx512bw', 'avx2']) if (flags.includes(f)) features.push(f);
  return { arch, u8s8Saturates: features.every((f) => !VNNI_FLAGS.includes(f)), features, source: 'cpuinfo' };
}

let cached: Int8CpuProfile | undefined;

export function detectInt8Cpu(env: NodeJS.ProcessEnv = process.env): Int8CpuProfile {
  const override = env[INT8_CPU_OVERRIDE];
  if (override === 'vnni' || override === 'no-vnni') {
    return {
      arch: process.arch,
      u8s8Saturates: override === 'no-vnni',
      features: [override],
      source: 'override',
    };
  }
  if (cached) return cached;
  // Arm's int8 dot products (SDOT/UDOT, or widening multiplies) accumulate in int32: nothing saturates.
  if (process.arch !== 'x64') {
    cached = { arch: process.arch, u8s8Saturates: false, features: [], source: 'assumed' };
    return cached;
  }
  try {
    const flagsLine = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('flags'));
    if (!flagsLine) throw new Error('no flags line');
    cached = int8ProfileFromCpuFlags(
      flagsLine
        .slice(flagsLine.indexOf(':') + 1)
        .trim()
        .split(/\s+/),
    );
  } catch {
    // Not Linux (or no /proc): assume the CPU lacks VNNI, the choice that is exact everywhere.
    cached = { arch: 'x64', u8s8Saturates: true, features: [], source: 'assumed' };
  }
  return cached;
}

/** Dynamic quantization's weight type for this CPU: int8 where U8S8 is exact, else uint8. */
export function dynamicWeightTypeFor(profile: Int8CpuProfile): WeightType {
  return profile.u8s8Saturates ? 'uint8' : 'int8';
}

/** The largest |w| of an int8 weight for which no pair of u8 x s8 products leaves int16. */
export const SATURATION_FREE_INT8 = Math.floor(32767 / (2 * 255)); // 64

export interface SaturationRisk {
  node: string;
  weight: string;
  maxAbsCode: number;
}

interface MatMulIntegerWeight {
  nodeIndex: number;
  weight: TensorProtoLike;
  codes: Int8Array;
}

function int8Weights(graph: GraphProto): MatMulIntegerWeight[] {
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const found: MatMulIntegerWeight[] = [];
  (graph.node ?? []).forEach((node, nodeIndex) => {
    if (node.opType !== 'MatMulInteger' || (node.domain && node.domain !== 'ai.onnx')) return;
    const weight = initializers.get(node.input?.[1] ?? '');
    if (!weight || weight.dataType !== onnx.TensorProto.DataType.INT8) return;
    found.push({ nodeIndex, weight, codes: readInitializer(weight) as Int8Array });
  });
  return found;
}

const maxAbs = (codes: Int8Array) => codes.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** MatMulInteger nodes whose constant int8 weights can saturate a U8S8 kernel without VNNI. */
export function saturationRisks(bytes: Uint8Array): SaturationRisk[] {
  const graph = decodeModel(bytes).graph as GraphProto | undefined;
  if (!graph) return [];
  return int8Weights(graph)
    .map(({ nodeIndex, weight, codes }) => ({
      node: graph.node?.[nodeIndex]?.name || `MatMulInteger#${nodeIndex}`,
      weight: weight.name ?? '',
      maxAbsCode: maxAbs(codes),
    }))
    .filter((r) => r.maxAbsCode > SATURATION_FREE_INT8);
}

const MATMUL_INTEGER = Buffer.from('MatMulInteger');

function mentions(bytes: Uint8Array, needle: Buffer): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/**
 * Rewrites, exactly, each MatMulInteger with constant int8 weights that could saturate into uint8
 * weights: q + 128 with zero point z + 128, since (a - za)(q - z) = (a - za)((q + 128) - (z + 128)).
 * onnxruntime then runs its U8U8 kernel, which cannot saturate. Other models come back unchanged
 * (the same array), so loading them costs one byte search.
 */
export function adaptInt8ModelToCpu(bytes: Uint8Array, profile: Int8CpuProfile): Uint8Array {
  if (!profile.u8s8Saturates || !mentions(bytes, MATMUL_INTEGER)) return bytes;
  const model = decodeModel(bytes);
  const graph = model.graph as GraphProto | undefined;
  if (!graph) return bytes;
  const risky = int8Weights(graph).filter((w) => maxAbs(w.codes) > SATURATION_FREE_INT8);
  if (risky.length === 0) return bytes;
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  for (const { nodeIndex, weight, codes } of risky) {
    const node = graph.node![nodeIndex];
    const shifted = Uint8Array.from(codes, (v) => v + 128);
    const name = `${weight.name}_as_uint8`;
    const inputs = [...(node.input ?? [])];
    while (inputs.length < 4) inputs.push('');
    const zero = inputs[3] ? initializers.get(inputs[3]) : undefined;
    if (inputs[3] && !zero) continue; // a zero point computed at run time: leave the node as it is
    const zeroCodes = zero ? (readInitializer(zero) as Int8Array) : Int8Array.of(0);
    const zeroDims = zero ? (zero.dims ?? []).map(Number) : [];
    graph.initializer!.push(tensorProto(name, shifted, (weight.dims ?? []).map(Number)));
    graph.initializer!.push(
      tensorProto(
        `${name}_zero_point`,
        Uint8Array.from(zeroCodes, (v) => v + 128),
        zeroDims,
      ),
    );
    inputs[1] = name;
    inputs[3] = `${name}_zero_point`;
    node.input = inputs;
  }
  // Drop the int8 originals no node reads any more.
  const read = new Set((graph.node ?? []).flatMap((n) => n.input ?? []));
  graph.initializer = (graph.initializer ?? []).filter(
    (t) => read.has(t.name ?? '') || !risky.some((r) => r.weight === t),
  );
  return encodeModel(model);
}

const DEQUANTIZE_LINEAR = Buffer.from('DequantizeLinear');

/**
 * Session config entries for serving a quantized model. onnxruntime keeps DequantizeLinear out of
 * constant folding (so that QDQ fusions can find it), which re-dequantizes every weight-only weight
 * on every run: 1.7-3.4x slower than fp32 for the 1M-parameter MLP. With QDQ fusions off, a
 * DequantizeLinear of constants folds once at load and the model runs at fp32 speed (0.98-0.99x)
 * from a file a third the size. Only for graphs without QuantizeLinear (no QDQ pairs to fuse).
 */
export function quantizedSessionConfig(bytes: Uint8Array): { session?: { disable_quant_qdq: '1' } } {
  if (!mentions(bytes, DEQUANTIZE_LINEAR)) return {};
  const graph = decodeModel(bytes).graph as GraphProto | undefined;
  const nodes = graph?.node ?? [];
  const constants = new Set((graph?.initializer ?? []).map((t) => t.name ?? ''));
  const dequantizes = nodes.filter((n) => n.opType === 'DequantizeLinear');
  const foldable =
    dequantizes.length > 0 &&
    !nodes.some((n) => n.opType === 'QuantizeLinear') &&
    dequantizes.every((n) => (n.input ?? []).every((i) => !i || constants.has(i)));
  return foldable ? { session: { disable_quant_qdq: '1' } } : {};
}
