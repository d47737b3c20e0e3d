// One regression tree of a boosted ensemble, stored as flat arrays (node 0 is the root), the layout
// ONNX's TreeEnsemble operators use too. An internal node sends x left when fround(x) <= threshold
// (ONNX BRANCH_LEQ in float32) and a missing value (NaN) to its learnt default side.

export interface DecisionTreeJson {
  /** Split feature per node, -1 for a leaf. */
  feature: number[];
  /** float32 thresholds (0 for leaves). */
  threshold: number[];
  defaultLeft: boolean[];
  left: number[];
  right: number[];
  /** Leaf output (already scaled by the learning rate); at internal nodes, the value had it stayed a leaf. */
  value: number[];
  /** Training rows that reached the node (the "cover" TreeSHAP weights paths by). */
  cover: number[];
  /** Loss reduction of the split (0 for leaves); summed per feature for importance. */
  gain: number[];
}

export class DecisionTree {
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly defaultLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly cover: Float64Array;
  readonly gain: Float64Array;

  constructor(json: DecisionTreeJson) {
    const n = json.feature.length;
    const fields = [json.threshold, json.defaultLeft, json.left, json.right, json.value, json.cover, json.gain];
    if (n === 0 || fields.some((a) => a.length !== n)) throw new RangeError('tree arrays must be non-empty and equal in length');
    this.feature = Int32Array.from(json.feature);
    this.threshold = Float32Array.from(json.threshold);
    this.defaultLeft = Uint8Array.from(json.defaultLeft, (d) => (d ? 1 : 0));
    this.left = Int32Array.from(json.left);
    this.right = Int32Array.from(json.right);
    this.value = Float64Array.from(json.value);
    this.cover = Float64Array.from(json.cover);
    this.gain = Float64Array.from(json.gain);
    // Children after parents: traversal always ends, and the export can rely on valid node ids.
    for (let k = 0; k < n; k++) {
      if (this.feature[k] < 0) continue;
      if (!(this.left[k] > k && this.left[k] < n && this.right[k] > k && this.right[k] < n))
        throw new RangeError(`node ${k} has children out of order or range`);
    }
  }

  get nodeCount(): number {
    return this.feature.length;
  }

  isLeaf(node: number): boolean {
    return this.feature[node] < 0;
  }

  /** The child x goes to at an internal node. */
  childFor(node: number, x: number): number {
    if (x !== x) return this.defaultLeft[node] ? this.left[node] : this.right[node];
    return Math.fround(x) <= this.threshold[node] ? this.left[node] : this.right[node];
  }

  /** Leaf reached by a row of `values` starting at `offset`. */
  leafFor(values: ArrayLike<number>, offset = 0): number {
    let node = 0;
    while (this.feature[node] >= 0) node = this.childFor(node, values[offset + this.feature[node]]);
    return node;
  }

  predictRow(values: ArrayLike<number>, offset = 0): number {
    return this.value[this.leafFor(values, offset)];
  }

  /** Cover-weighted mean leaf value: the tree's expected output over the training rows. */
  expectedValue(): number {
    let sum = 0;
    for (let k = 0; k < this.nodeCount; k++) if (this.feature[k] < 0) sum += this.value[k] * this.cover[k];
    return sum / this.cover[0];
  }

  toJSON(): DecisionTreeJson {
    return {
      feature: Array.from(this.feature),
      threshold: Array.from(this.threshold),
      defaultLeft: Array.from(this.defaultLeft, (d) => d === 1),
      left: Array.from(this.left),
      right: Array.from(this.right),
      value: Array.from(this.value),
      cover: Array.from(this.cover),
      gain: Array.from(this.gain),
    };
  }
}
