// Grows one regression tree on gradient/hessian statistics from pre-binned features, leaf-wise
// (best-first, LightGBM: Ke et al. 2017) up to a leaf and depth budget. The split gain and leaf
// weight are XGBoost's second-order ones (Chen & Guestrin 2016, eq. 6-7): w = -G / (H + lambda),
// gain = 1/2 [GL^2/(HL+lambda) + GR^2/(HR+lambda) - G^2/(H+lambda)]. Missing values go to whichever
// side gains more (XGBoost's sparsity-aware split finding, Alg. 3). Only the smaller child's histogram
// is built from rows; the larger one is the parent's minus it (histogram subtraction).
import { DecisionTree } from './decision-tree.js';
import type { HistogramBinMapper } from './histogram-bin-mapper.js';

export interface TreeGrowthOptions {
  maxLeaves: number;
  /** 0 means no depth limit (the leaf budget still applies). */
  maxDepth: number;
  /** L2 penalty on leaf weights. */
  lambda: number;
  /** Minimum hessian sum in a child. */
  minChildWeight: number;
  minDataInLeaf: number;
  /** A split must reduce the loss by more than this. */
  minSplitGain: number;
  learningRate: number;
}

export interface GrownTree {
  tree: DecisionTree;
  /** Per node, the bin b of the split "bin <= b goes left" (-1 at leaves): routes binned rows. */
  splitBins: Int32Array;
}

interface SplitChoice {
  feature: number;
  bin: number;
  defaultLeft: boolean;
  gain: number;
  leftCount: number;
}

interface OpenLeaf {
  node: number;
  begin: number;
  end: number;
  depth: number;
  sumG: number;
  sumH: number;
  hist: Float64Array;
  split: SplitChoice | undefined;
}

// Histogram slot layout: [gradient sum, hessian sum, row count] per bin.
const STRIDE = 3;

export class HistogramTreeGrower {
  private readonly rows: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly pool: Float64Array[] = [];
  private features: Int32Array = new Int32Array(0);
  private gradients: Float64Array = new Float64Array(0);
  private hessians: Float64Array = new Float64Array(0);

  // Nodes of the tree being grown.
  private feature: number[] = [];
  private threshold: number[] = [];
  private defaultLeft: boolean[] = [];
  private left: number[] = [];
  private right: number[] = [];
  private value: number[] = [];
  private cover: number[] = [];
  private gain: number[] = [];
  private splitBin: number[] = [];

  constructor(
    private readonly bins: Uint8Array,
    private readonly rowCount: number,
    private readonly mapper: HistogramBinMapper,
    private readonly options: TreeGrowthOptions,
  ) {
    if (bins.length !== rowCount * mapper.featureCount) throw new RangeError('bins do not match rows x features');
    this.rows = new Uint32Array(rowCount);
    this.scratch = new Uint32Array(rowCount);
  }

  /** A tree over `sampleRows` (ascending row ids) using only `sampleFeatures`. */
  growTree(
    gradients: Float64Array,
    hessians: Float64Array,
    sampleRows: Uint32Array,
    sampleFeatures: Int32Array,
  ): GrownTree {
    this.gradients = gradients;
    this.hessians = hessians;
    this.features = sampleFeatures;
    this.rows.set(sampleRows);
    this.resetNodes();
    const root = this.openLeaf(0, sampleRows.length, 0, this.buildHistogram(0, sampleRows.length));
    const open: OpenLeaf[] = [root];
    let leaves = 1;
    while (leaves < this.options.maxLeaves) {
      let pick = -1;
      for (let k = 0; k < open.length; k++)
        if (open[k].split && (pick < 0 || open[k].split!.gain > open[pick].split!.gain)) pick = k;
      if (pick < 0) break;
      const [parent] = open.splice(pick, 1);
      open.push(...this.splitLeaf(parent));
      leaves++;
    }
    for (const leaf of open) this.pool.push(leaf.hist);
    const tree = new DecisionTree({
      feature: this.feature,
      threshold: this.threshold,
      defaultLeft: this.defaultLeft,
      left: this.left,
      right: this.right,
      value: this.value,
      cover: this.cover,
      gain: this.gain,
    });
    return { tree, splitBins: Int32Array.from(this.splitBin) };
  }

  private resetNodes(): void {
    this.feature = [];
    this.threshold = [];
    this.defaultLeft = [];
    this.left = [];
    this.right = [];
    this.value = [];
    this.cover = [];
    this.gain = [];
    this.splitBin = [];
  }

  private openLeaf(begin: number, end: number, depth: number, hist: Float64Array): OpenLeaf {
    let sumG = 0;
    let sumH = 0;
    // Any sampled feature's slots add up to the node totals (every row falls in one slot).
    const f = this.features[0];
    const from = this.mapper.slotOffsets[f] * STRIDE;
    const to = from + (this.mapper.binCounts[f] + 1) * STRIDE;
    for (let o = from; o < to; o += STRIDE) {
      sumG += hist[o];
      sumH += hist[o + 1];
    }
    const node = this.feature.length;
    this.feature.push(-1);
    this.threshold.push(0);
    this.defaultLeft.push(false);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push((-sumG / (sumH + this.options.lambda)) * this.options.learningRate);
    this.cover.push(end - begin);
    this.gain.push(0);
    this.splitBin.push(-1);
    const leaf: OpenLeaf = { node, begin, end, depth, sumG, sumH, hist, split: undefined };
    const { maxDepth, minDataInLeaf } = this.options;
    if ((maxDepth <= 0 || depth < maxDepth) && end - begin >= 2 * minDataInLeaf) leaf.split = this.findBestSplit(leaf);
    return leaf;
  }

  private findBestSplit(leaf: OpenLeaf): SplitChoice | undefined {
    const { lambda, minChildWeight, minDataInLeaf, minSplitGain } = this.options;
    const { hist, sumG, sumH } = leaf;
    const count = leaf.end - leaf.begin;
    const parentScore = (sumG * sumG) / (sumH + lambda);
    let best: SplitChoice | undefined;
    let bestGain = minSplitGain;
    for (let k = 0; k < this.features.length; k++) {
      const f = this.features[k];
      const off = this.mapper.slotOffsets[f] * STRIDE;
      const nb = this.mapper.binCounts[f];
      const missing = off + nb * STRIDE;
      const mg = hist[missing];
      const mh = hist[missing + 1];
      const mc = hist[missing + 2];
      let gl = 0;
      let hl = 0;
      let cl = 0;
      // Split after bin b; b = nb - 1 (all values left) only makes sense with missing values right.
      for (let b = 0; b < nb; b++) {
        const o = off + b * STRIDE;
        gl += hist[o];
        hl += hist[o + 1];
        cl += hist[o + 2];
        for (let side = 0; side < 2; side++) {
          const missingLeft = side === 1;
          if (missingLeft && (mc === 0 || b === nb - 1)) continue;
          const g = missingLeft ? gl + mg : gl;
          const h = missingLeft ? hl + mh : hl;
          const c = missingLeft ? cl + mc : cl;
          if (c < minDataInLeaf || count - c < minDataInLeaf) continue;
          if (h < minChildWeight || sumH - h < minChildWeight) continue;
          const gr = sumG - g;
          const gain = 0.5 * ((g * g) / (h + lambda) + (gr * gr) / (sumH - h + lambda) - parentScore);
          if (gain > bestGain) {
            bestGain = gain;
            // With no missing values in training, unseen NaN follows the heavier side.
            const defaultLeft = mc === 0 ? h >= sumH - h : missingLeft;
            best = { feature: f, bin: b, defaultLeft, gain, leftCount: c };
          }
        }
      }
    }
    return best;
  }

  private splitLeaf(parent: OpenLeaf): OpenLeaf[] {
    const split = parent.split!;
    const { feature: f, bin, defaultLeft } = split;
    const nb = this.mapper.binCounts[f];
    const column = f * this.rowCount;
    let l = parent.begin;
    let r = 0;
    for (let k = parent.begin; k < parent.end; k++) {
      const row = this.rows[k];
      const b = this.bins[column + row];
      if (b === nb ? defaultLeft : b <= bin) this.rows[l++] = row;
      else this.scratch[r++] = row;
    }
    this.rows.set(this.scratch.subarray(0, r), l);
    const mid = l;
    if (mid - parent.begin !== split.leftCount) throw new Error('row partition disagrees with the histogram');

    const p = parent.node;
    this.feature[p] = f;
    this.threshold[p] = bin === nb - 1 ? Infinity : this.mapper.threshold(f, bin);
    this.defaultLeft[p] = defaultLeft;
    this.gain[p] = split.gain;
    this.splitBin[p] = bin;

    // Smaller child from rows; larger = parent - smaller, written over the parent's buffer.
    const leftSmaller = mid - parent.begin <= parent.end - mid;
    const small = leftSmaller
      ? this.buildHistogram(parent.begin, mid)
      : this.buildHistogram(mid, parent.end);
    this.subtractHistogram(parent.hist, small);
    const leftHist = leftSmaller ? small : parent.hist;
    const rightHist = leftSmaller ? parent.hist : small;
    const depth = parent.depth + 1;
    const leftLeaf = this.openLeaf(parent.begin, mid, depth, leftHist);
    this.left[p] = leftLeaf.node;
    const rightLeaf = this.openLeaf(mid, parent.end, depth, rightHist);
    this.right[p] = rightLeaf.node;
    return [leftLeaf, rightLeaf];
  }

  private buildHistogram(begin: number, end: number): Float64Array {
    const hist = this.pool.pop() ?? new Float64Array(this.mapper.totalSlots * STRIDE);
    const { rows, bins, gradients, hessians, rowCount } = this;
    for (let k = 0; k < this.features.length; k++) {
      const f = this.features[k];
      const off = this.mapper.slotOffsets[f] * STRIDE;
      hist.fill(0, off, off + (this.mapper.binCounts[f] + 1) * STRIDE);
      const column = f * rowCount;
      for (let i = begin; i < end; i++) {
        const row = rows[i];
        const o = off + bins[column + row] * STRIDE;
        hist[o] += gradients[row];
        hist[o + 1] += hessians[row];
        hist[o + 2] += 1;
      }
    }
    return hist;
  }

  private subtractHistogram(target: Float64Array, minus: Float64Array): void {
    for (let k = 0; k < this.features.length; k++) {
      const f = this.features[k];
      const from = this.mapper.slotOffsets[f] * STRIDE;
      const to = from + (this.mapper.binCounts[f] + 1) * STRIDE;
      for (let o = from; o < to; o++) target[o] -= minus[o];
    }
  }
}

/** Leaf a binned row reaches, routed by split bins (equivalent to the float thresholds on its values). */
export function leafForBinnedRow(
  grown: GrownTree,
  bins: Uint8Array,
  rowCount: number,
  binCounts: Int32Array,
  row: number,
): number {
  const { tree, splitBins } = grown;
  let node = 0;
  while (tree.feature[node] >= 0) {
    const f = tree.feature[node];
    const b = bins[f * rowCount + row];
    const goLeft = b === binCounts[f] ? tree.defaultLeft[node] === 1 : b <= splitBins[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return node;
}
