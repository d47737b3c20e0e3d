// Builds and reads ONNX models (protobuf via onnx-proto) from TypeScript: our trainers export with it,
// the quantizer rewrites with it, tests build golden fixtures with it. No Python toolchain needed.
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
export type ModelProto = InstanceType<typeof onnx.ModelProto>;
export type GraphProto = InstanceType<typeof onnx.GraphProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
export type TensorProtoLike = onnxProto.onnx.ITensorProto;
export type NodeProto = InstanceType<typeof onnx.NodeProto>;

export type OnnxElemType = 'float32' | 'float64' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool' | 'string';

const ELEM: Record<OnnxElemType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float64: onnx.TensorProto.DataType.DOUBLE,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  int8: onnx.TensorProto.DataType.INT8,
  uint8: onnx.TensorProto.DataType.UINT8,
  bool: onnx.TensorProto.DataType.BOOL,
  string: onnx.TensorProto.DataType.STRING,
};

export function elemTypeOf(code: number): OnnxElemType {
  const found = (Object.keys(ELEM) as OnnxElemType[]).find((k) => ELEM[k] === code);
  if (!found) throw new Error(`unsupported ONNX element type ${code}`);
  return found;
}

export type InitializerData =
  Float32Array | Float64Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

/** Attribute values carry their ONNX type explicitly: 1 and 1.0 are different attributes in ONNX. */
export type OnnxAttr =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'floats'; value: ArrayLike<number> }
  | { kind: 'strings'; value: readonly string[] }
  | { kind: 'tensor'; value: { data: InitializerData; dims: number[] } };

export const attr = {
  int: (value: number): OnnxAttr => ({ kind: 'int', value }),
  float: (value: number): OnnxAttr => ({ kind: 'float', value }),
  string: (value: string): OnnxAttr => ({ kind: 'string', value }),
  ints: (value: readonly number[]): OnnxAttr => ({ kind: 'ints', value }),
  floats: (value: ArrayLike<number>): OnnxAttr => ({ kind: 'floats', value }),
  strings: (value: readonly string[]): OnnxAttr => ({ kind: 'strings', value }),
  tensor: (data: InitializerData, dims: number[]): OnnxAttr => ({ kind: 'tensor', value: { data, dims } }),
};

const utf8 = new TextEncoder();

function dtypeOfArray(data: InitializerData): OnnxElemType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Int8Array) return 'int8';
  return 'uint8';
}

export function tensorProto(name: string, data: InitializerData, dims: number[]): TensorProto {
  // raw_data is little-endian bytes, which is what typed arrays hold on every platform we run on.
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: ELEM[dtypeOfArray(data)],
    rawData: Uint8Array.from(bytes),
  });
}

export function attributeProto(name: string, a: OnnxAttr) {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.kind) {
    case 'int':
      return onnx.AttributeProto.create({ name, type: T.INT, i: a.value });
    case 'float':
      return onnx.AttributeProto.create({ name, type: T.FLOAT, f: a.value });
    case 'string':
      return onnx.AttributeProto.create({ name, type: T.STRING, s: utf8.encode(a.value) });
    case 'ints':
      return onnx.AttributeProto.create({ name, type: T.INTS, ints: [...a.value] });
    case 'floats':
      return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: Array.from(a.value) });
    case 'strings':
      return onnx.AttributeProto.create({
        name,
        type: T.STRINGS,
        strings: a.value.map((s) => utf8.encode(s)),
      });
    case 'tensor':
      return onnx.AttributeProto.create({
        name,
        type: T.TENSOR,
        t: tensorProto(name, a.value.data, a.value.dims),
      });
  }
}

function valueInfo(name: string, elem: OnnxElemType, shape: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: ELEM[elem],
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((d) =>
            typeof d === 'number'
              ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
              : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}

/** Fluent builder for a single-graph ONNX model. Shapes use strings for symbolic dims ('batch'). */
export class OnnxGraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly inputs: ReturnType<typeof valueInfo>[] = [];
  private readonly outputs: ReturnType<typeof valueInfo>[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly domains = new Map<string, number>();
  private counter = 0;

  constructor(
    private readonly graphName: string,
    opset = 17,
  ) {
    this.domains.set('', opset);
  }

  input(name: string, elem: OnnxElemType, shape: (number | string)[]): this {
    this.inputs.push(valueInfo(name, elem, shape));
    return this;
  }

  output(name: string, elem: OnnxElemType, shape: (number | string)[]): this {
    this.outputs.push(valueInfo(name, elem, shape));
    return this;
  }

  initializer(name: string, data: InitializerData, dims: number[]): string {
    this.initializers.push(tensorProto(name, data, dims));
    return name;
  }

  /** Adds a node; returns its first output name. Output names default to unique generated ones. */
  node(
    opType: string,
    inputs: string[],
    outputs: string[] | number = 1,
    attrs: Record<string, OnnxAttr> = {},
    domain = '',
  ): string {
    if (domain && !this.domains.has(domain)) this.domains.set(domain, domain === 'ai.onnx.ml' ? 3 : 1);
    const outs =
      typeof outputs === 'number'
        ? Array.from({ length: outputs }, () => `${opType.toLowerCase()}_${this.counter++}`)
        : outputs;
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        domain,
        name: `${opType}_${this.counter++}`,
        input: inputs,
        output: outs,
        attribute: Object.entries(attrs).map(([k, v]) => attributeProto(k, v)),
      }),
    );
    return outs[0];
  }

  /** Declares the opset of an extra domain (e.g. 'ai.onnx.ml' 3, 'com.microsoft' 1). */
  useDomain(domain: string, version: number): this {
    this.domains.set(domain, version);
    return this;
  }

  build(metadata: Record<string, string> = {}): ModelProto {
    return onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'domain-ai-suite',
      producerVersion: '0.1.0',
      opsetImport: [...this.domains].map(([domain, version]) =>
        onnx.OperatorSetIdProto.create({ domain, version }),
      ),
      metadataProps: Object.entries(metadata).map(([key, value]) =>
        onnx.StringStringEntryProto.create({ key, value }),
      ),
      graph: onnx.GraphProto.create({
        name: this.graphName,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      }),
    });
  }

  toBytes(metadata: Record<string, string> = {}): Uint8Array {
    return encodeModel(this.build(metadata));
  }
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function decodeModel(bytes: Uint8Array): ModelProto {
  // Always a Buffer view (no copy): under jest's typed-array realm fix every Uint8Array passes
  // `instanceof Buffer`, and protobufjs then reads strings with Buffer methods a plain array lacks.
  return onnx.ModelProto.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Reads an initializer into a typed array, whether stored as raw_data or in the typed fields. */
export function readInitializer(t: TensorProtoLike): InitializerData {
  const elem = elemTypeOf(t.dataType ?? 0);
  const count = (t.dims ?? []).reduce<number>((a, d) => a * Number(d), 1);
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  const copy = raw ? Uint8Array.from(raw).buffer : undefined;
  switch (elem) {
    case 'float32':
      return copy ? new Float32Array(copy, 0, count) : Float32Array.from(t.floatData ?? []);
    case 'float64':
      return copy ? new Float64Array(copy, 0, count) : Float64Array.from(t.doubleData ?? []);
    case 'int64':
      return copy
        ? new BigInt64Array(copy, 0, count)
        : BigInt64Array.from((t.int64Data ?? []).map((v) => BigInt(v.toString())));
    case 'int32':
      return copy ? new Int32Array(copy, 0, count) : Int32Array.from(t.int32Data ?? []);
    case 'int8':
      return copy ? new Int8Array(copy, 0, count) : Int8Array.from(t.int32Data ?? []);
    case 'uint8':
    case 'bool':
      return copy ? new Uint8Array(copy, 0, count) : Uint8Array.from(t.int32Data ?? []);
    case 'string':
      throw new Error(`string initializer ${t.name} is not supported`);
  }
}
