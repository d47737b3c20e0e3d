import {
  convexHull,
  DEFAULT_BOX_EXTRACTION,
  extractTextBoxes,
  minAreaRect,
  quadBounds,
  sortReadingOrder,
} from './text-box-extraction.js';

/** A probability map with filled rectangles [x0, y0, x1, y1) at probability p. */
function syntheticMap(width: number, height: number, rects: [number, number, number, number, number][]) {
  const map = new Float32Array(width * height);
  for (const [x0, y0, x1, y1, p] of rects)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) map[y * width + x] = p;
  return map;
}

describe('extractTextBoxes (DB post-processing)', () => {
  it('finds one box per text region, unclipped by D = A * r / L', () => {
    const map = syntheticMap(100, 60, [
      [10, 10, 50, 20, 0.9],
      [60, 40, 90, 46, 0.95],
    ]);
    const sut = extractTextBoxes(map, 100, 60);
    expect(sut).toHaveLength(2);
    const first = quadBounds(sut.find((b) => b.quad[0].y < 30)!.quad);
    // 40 x 10 region: D = 400 * 1.5 / 100 = 6.
    expect(first.x0).toBeCloseTo(4, 4);
    expect(first.x1).toBeCloseTo(56, 4);
    expect(first.y0).toBeCloseTo(4, 4);
    expect(first.y1).toBeCloseTo(26, 4);
    expect(sut[0].score).toBeGreaterThan(0.89);
  });

  it('drops regions below the box threshold and regions thinner than the minimum size', () => {
    const map = syntheticMap(100, 60, [
      [10, 10, 50, 20, 0.4], // above the pixel threshold, mean below boxThreshold 0.6
      [10, 40, 80, 42, 0.9], // 2 pixels high < minSize 3
    ]);
    expect(extractTextBoxes(map, 100, 60)).toEqual([]);
  });

  it('scales boxes into the image and clamps them to it', () => {
    const map = syntheticMap(50, 30, [[0, 0, 20, 5, 0.9]]);
    const [box] = extractTextBoxes(map, 50, 30, DEFAULT_BOX_EXTRACTION, { x: 2, y: 2, maxX: 100, maxY: 60 });
    const b = quadBounds(box.quad);
    expect(b.x0).toBe(0);
    expect(b.y0).toBe(0);
    expect(b.x1).toBeGreaterThan(40);
  });

  it('fits a rotated rectangle with its minimum-area box', () => {
    // A square rotated by 45 degrees: the hull's own edges give area 2, the axis-aligned box 4.
    const rect = minAreaRect(
      convexHull([
        { x: 1, y: 0 },
        { x: 2, y: 1 },
        { x: 1, y: 2 },
        { x: 0, y: 1 },
      ]),
    );
    expect(rect.w * rect.h).toBeCloseTo(2, 6);
  });
});

describe('sortReadingOrder', () => {
  const line = (text: string, x: number, y: number, w = 40, h = 10) => ({
    text,
    quad: [
      { x, y },
      { x: x + w, y },
      { x: x + w, y: y + h },
      { x, y: y + h },
    ] as [
      { x: number; y: number },
      { x: number; y: number },
      { x: number; y: number },
      { x: number; y: number },
    ],
  });

  it('reads rows top to bottom and each row left to right', () => {
    const sut = sortReadingOrder([
      line('54.50', 300, 102),
      line('TOTAL', 10, 100),
      line('SHOP', 10, 10),
      line('DATE', 10, 50),
      line('06/03/2018', 200, 48),
    ]);
    expect(sut.map((l) => l.text)).toEqual(['SHOP', 'DATE', '06/03/2018', 'TOTAL', '54.50']);
  });
});
