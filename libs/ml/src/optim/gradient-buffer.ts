// A mini-batch gradient over a ParameterSet that stays sparse in the input block: it records which
// input rows the batch touched, so clearing, scaling and the optimiser step cost O(touched rows),
// not O(2^18 x width). DP noise marks every row touched, since noise goes on every coordinate.
import { allocateFloats, type FloatArray, type ParameterSet } from './parameter-set.js';

export class GradientBuffer {
  readonly values: FloatArray;
  readonly inputRows: number;
  readonly rowWidth: number;
  readonly denseOffset: number;
  private readonly rowTouched: Uint8Array;
  private readonly touchedList: Int32Array;
  private touchedCount = 0;
  private everyRow = false;
  private allRowsCache: Int32Array | undefined;

  constructor(params: ParameterSet) {
    this.values = allocateFloats(params.precision, params.size);
    this.inputRows = params.inputRows;
    this.rowWidth = params.rowWidth;
    this.denseOffset = params.denseOffset;
    this.rowTouched = new Uint8Array(params.inputRows);
    this.touchedList = new Int32Array(params.inputRows);
  }

  touchRow(row: number): void {
    if (this.rowTouched[row] === 0) {
      this.rowTouched[row] = 1;
      this.touchedList[this.touchedCount++] = row;
    }
  }

  /** Every input row takes part in the next step (dense noise, dense inputs). */
  touchAllRows(): void {
    this.everyRow = true;
  }

  get allRowsTouched(): boolean {
    return this.everyRow;
  }

  /** Touched input rows, in first-touch order (all rows, ascending, once touchAllRows ran). */
  touchedRows(): Int32Array {
    if (!this.everyRow) return this.touchedList.subarray(0, this.touchedCount);
    this.allRowsCache ??= Int32Array.from({ length: this.inputRows }, (_, i) => i);
    return this.allRowsCache;
  }

  clear(): void {
    if (this.everyRow) {
      this.values.fill(0);
    } else {
      const w = this.rowWidth;
      for (let k = 0; k < this.touchedCount; k++) {
        const base = this.touchedList[k] * w;
        this.values.fill(0, base, base + w);
      }
      this.values.fill(0, this.denseOffset);
    }
    for (let k = 0; k < this.touchedCount; k++) this.rowTouched[this.touchedList[k]] = 0;
    this.touchedCount = 0;
    this.everyRow = false;
  }

  scale(factor: number): void {
    this.forEachActiveRange((from, to) => {
      for (let i = from; i < to; i++) this.values[i] *= factor;
    });
  }

  normSquared(): number {
    let s = 0;
    this.forEachActiveRange((from, to) => {
      for (let i = from; i < to; i++) s += this.values[i] * this.values[i];
    });
    return s;
  }

  /** Calls back with [from, to) index ranges covering every coordinate that may be non-zero. */
  forEachActiveRange(visit: (from: number, to: number) => void): void {
    if (this.everyRow) {
      visit(0, this.values.length);
      return;
    }
    const w = this.rowWidth;
    for (let k = 0; k < this.touchedCount; k++) {
      const base = this.touchedList[k] * w;
      visit(base, base + w);
    }
    visit(this.denseOffset, this.values.length);
  }
}
