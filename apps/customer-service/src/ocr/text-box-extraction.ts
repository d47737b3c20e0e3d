// DB post-processing (Liao et al. 2020, "Real-time Scene Text Detection with Differentiable
// Binarization", §3.4 and PaddleOCR's DBPostProcess): threshold the probability map, take connected
// regions, fit each one's minimum-area rectangle, score it by the mean probability inside, and
// "unclip" it by D = A·r / L (area, unclip ratio, perimeter), since the network predicts shrunk text.
import type { Point, Quad } from '@suite/support-models';

/** Corners clockwise from top-left (the layout type the field model's line features read). */
export type { Point, Quad };

export interface TextBox {
  quad: Quad;
  score: number;
}

export interface BoxExtractionOptions {
  /** Pixel threshold of the probability map (PaddleOCR det_db_thresh). */
  threshold: number;
  /** Least mean probability inside a region (det_db_box_thresh). */
  boxThreshold: number;
  unclipRatio: number;
  /** Shortest side, in map pixels, of a region kept (before unclipping; +2 after). */
  minSize: number;
  maxCandidates: number;
}

export const DEFAULT_BOX_EXTRACTION: BoxExtractionOptions = {
  threshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
};

interface Rect {
  cx: number;
  cy: number;
  /** Unit vector along the rectangle's first side. */
  ux: number;
  uy: number;
  w: number;
  h: number;
}

/** Boxes in map coordinates, scaled by (scaleX, scaleY) into the caller's image. */
export function extractTextBoxes(
  map: ArrayLike<number>,
  width: number,
  height: number,
  options: BoxExtractionOptions = DEFAULT_BOX_EXTRACTION,
  scale: { x: number; y: number; maxX: number; maxY: number } = {
    x: 1,
    y: 1,
    maxX: width,
    maxY: height,
  },
): TextBox[] {
  const regions = connectedRegions(map, width, height, options.threshold);
  const boxes: TextBox[] = [];
  for (const region of regions.slice(0, options.maxCandidates)) {
    const score = region.sum / region.count;
    if (score < options.boxThreshold) continue;
    const rect = minAreaRect(convexHull(region.points));
    if (Math.min(rect.w, rect.h) < options.minSize) continue;
    const d = (rect.w * rect.h * options.unclipRatio) / (2 * (rect.w + rect.h));
    const grown = { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d };
    if (Math.min(grown.w, grown.h) < options.minSize + 2) continue;
    const quad = orderCorners(rectCorners(grown)).map((p) => ({
      x: clamp(p.x * scale.x, 0, scale.maxX),
      y: clamp(p.y * scale.y, 0, scale.maxY),
    })) as Quad;
    boxes.push({ quad, score });
  }
  return boxes;
}

interface Region {
  points: Point[];
  sum: number;
  count: number;
}

/** 8-connected regions above the threshold; each region's row extremes as pixel corners. */
export function connectedRegions(
  map: ArrayLike<number>,
  width: number,
  height: number,
  threshold: number,
): Region[] {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const regions: Region[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || !(map[start] > threshold)) continue;
    seen[start] = 1;
    stack.push(start);
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    let sum = 0;
    let count = 0;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      sum += map[at];
      count++;
      if (!(x >= (rowMin.get(y) ?? Infinity))) rowMin.set(y, x);
      if (!(x <= (rowMax.get(y) ?? -Infinity))) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const next = ny * width + nx;
          if (seen[next] || !(map[next] > threshold)) continue;
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    const points: Point[] = [];
    for (const [y, x0] of rowMin) {
      const x1 = rowMax.get(y)! + 1;
      points.push({ x: x0, y }, { x: x1, y }, { x: x0, y: y + 1 }, { x: x1, y: y + 1 });
    }
    regions.push({ points, sum, count });
  }
  return regions;
}

/** Andrew's monotone chain; counter-clockwise in a y-up frame. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length <= 2) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (const p of [...sorted].reverse()) {
    while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Smallest-area enclosing rectangle: one side lies on a hull edge (Freeman & Shapira 1975). */
export function minAreaRect(hull: readonly Point[]): Rect {
  if (hull.length === 0) return { cx: 0, cy: 0, ux: 1, uy: 0, w: 0, h: 0 };
  let best: Rect | undefined;
  let bestArea = Infinity;
  const edges = hull.length === 1 ? 1 : hull.length;
  for (let i = 0; i < edges; i++) {
    const a = hull[i];
    const b = hull[(i + 1) % hull.length];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const ux = len > 0 ? (b.x - a.x) / len : 1;
    const uy = len > 0 ? (b.y - a.y) / len : 0;
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const p of hull) {
      const u = p.x * ux + p.y * uy;
      const v = -p.x * uy + p.y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea - 1e-9) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, ux, uy, w: maxU - minU, h: maxV - minV };
    }
  }
  return best!;
}

function rectCorners(r: Rect): Point[] {
  const hx = (r.w / 2) * r.ux;
  const hy = (r.w / 2) * r.uy;
  const vx = (-r.h / 2) * r.uy;
  const vy = (r.h / 2) * r.ux;
  return [
    { x: r.cx - hx - vx, y: r.cy - hy - vy },
    { x: r.cx + hx - vx, y: r.cy + hy - vy },
    { x: r.cx + hx + vx, y: r.cy + hy + vy },
    { x: r.cx - hx + vx, y: r.cy - hy + vy },
  ];
}

/** PaddleOCR's get_mini_boxes order: the two leftmost points give top-left and bottom-left. */
export function orderCorners(points: readonly Point[]): Quad {
  const byX = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const [l1, l2, r1, r2] = byX;
  const [tl, bl] = l1.y <= l2.y ? [l1, l2] : [l2, l1];
  const [tr, br] = r1.y <= r2.y ? [r1, r2] : [r2, r1];
  return [tl, tr, br, bl];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Axis-aligned bounds of a quad. */
export function quadBounds(quad: Quad): { x0: number; y0: number; x1: number; y1: number } {
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/**
 * Reading order: lines whose vertical extents overlap by half the shorter height share a row (top to
 * bottom by centre); each row reads left to right.
 */
export function sortReadingOrder<T extends { quad: Quad }>(lines: readonly T[]): T[] {
  const items = lines.map((line) => ({ line, b: quadBounds(line.quad) }));
  items.sort((a, b) => a.b.y0 + a.b.y1 - (b.b.y0 + b.b.y1));
  const rows: (typeof items)[] = [];
  for (const item of items) {
    const row = rows.at(-1);
    const last = row?.at(-1);
    if (row && last) {
      const overlap = Math.min(last.b.y1, item.b.y1) - Math.max(last.b.y0, item.b.y0);
      const shorter = Math.min(last.b.y1 - last.b.y0, item.b.y1 - item.b.y0);
      if (overlap >= 0.5 * shorter) {
        row.push(item);
        continue;
      }
    }
    rows.push([item]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.b.x0 - b.b.x0).map((i) => i.line));
}
