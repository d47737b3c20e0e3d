// A model's parameters as one flat typed array, so that optimisers, DP clipping (a norm over all
// parameters) and serialisation see a single vector. The first block is the input layer, stored row
// by feature ([inputDim, width]): a sparse example touches only its features' rows, and the same
// layout is what ONNX Gather reads in the hashed-input export.
export type FloatArray = Float32Array | Float64Array;

/** float32 halves memory for 2^18-row tables; float64 serves gradient checks and exact solvers. */
export type Precision = 'float32' | 'float64';

export function allocateFloats(precision: Precision, length: number): FloatArray {
  return precision === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

export interface ParameterBlockSpec {
  name: string;
  shape: number[];
  /** Whether L2 weight decay applies (weights yes, biases no). */
  decay: boolean;
}

export interface ParameterBlock extends ParameterBlockSpec {
  offset: number;
  size: number;
}

export interface ParameterSetJson {
  precision: Precision;
  blocks: ParameterBlockSpec[];
  /** Little-endian bytes of the flat array, base64. */
  data: string;
}

export class ParameterSet {
  readonly blocks: readonly ParameterBlock[];
  /** Rows of the input block (the input dimension) and their width. */
  readonly inputRows: number;
  readonly rowWidth: number;
  /** Where the dense blocks (everything after the input block) start. */
  readonly denseOffset: number;
  readonly values: FloatArray;

  constructor(specs: readonly ParameterBlockSpec[], values: FloatArray) {
    if (specs.length === 0 || specs[0].shape.length !== 2)
      throw new RangeError('the first parameter block must be the [inputDim, width] input layer');
    let offset = 0;
    this.blocks = specs.map((s) => {
      const size = s.shape.reduce((a, d) => a * d, 1);
      const block = { name: s.name, shape: [...s.shape], decay: s.decay, offset, size };
      offset += size;
      return block;
    });
    if (values.length !== offset)
      throw new RangeError(`expected ${offset} parameter values, got ${values.length}`);
    [this.inputRows, this.rowWidth] = specs[0].shape;
    this.denseOffset = this.blocks[0].size;
    this.values = values;
  }

  static zeros(specs: readonly ParameterBlockSpec[], precision: Precision): ParameterSet {
    const size = specs.reduce((n, s) => n + s.shape.reduce((a, d) => a * d, 1), 0);
    return new ParameterSet(specs, allocateFloats(precision, size));
  }

  get precision(): Precision {
    return this.values instanceof Float64Array ? 'float64' : 'float32';
  }

  get size(): number {
    return this.values.length;
  }

  get denseBlocks(): readonly ParameterBlock[] {
    return this.blocks.slice(1);
  }

  block(name: string): ParameterBlock {
    const found = this.blocks.find((b) => b.name === name);
    if (!found) throw new RangeError(`no parameter block ${name}`);
    return found;
  }

  /** A view (not a copy) of one block's values. */
  view(name: string): FloatArray {
    const b = this.block(name);
    return this.values.subarray(b.offset, b.offset + b.size);
  }

  snapshot(): FloatArray {
    return this.values.slice();
  }

  restore(snapshot: FloatArray): void {
    if (snapshot.length !== this.values.length) throw new RangeError('snapshot size does not match');
    this.values.set(snapshot);
  }

  /** Same layout and values, independent storage. */
  clone(): ParameterSet {
    return new ParameterSet(this.blocks, this.values.slice());
  }

  /** Whether the blocks are exactly these (names and shapes): guards warm starts. */
  hasBlocks(specs: readonly ParameterBlockSpec[]): boolean {
    return (
      this.blocks.length === specs.length &&
      this.blocks.every((b, i) => b.name === specs[i].name && b.shape.join('x') === specs[i].shape.join('x'))
    );
  }

  toJSON(): ParameterSetJson {
    const v = this.values;
    return {
      precision: this.precision,
      blocks: this.blocks.map(({ name, shape, decay }) => ({ name, shape: [...shape], decay })),
      data: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'),
    };
  }

  static fromJSON(json: ParameterSetJson): ParameterSet {
    const bytes = Buffer.from(json.data, 'base64');
    const copy = Uint8Array.from(bytes).buffer;
    const values = json.precision === 'float64' ? new Float64Array(copy) : new Float32Array(copy);
    return new ParameterSet(json.blocks, values);
  }
}
