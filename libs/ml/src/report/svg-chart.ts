// Minimal inline SVG line/scatter charts for model reports: no library, no external assets, so the
// report opens offline and can be archived with the model card.

export interface ChartSeries {
  name: string;
  points: readonly { x: number; y: number }[];
  /** Draw markers instead of a line (calibration bins). */
  markers?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Axis ranges; default the data's range (with [0, 1] charts passing it explicitly). */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Dashed y = x reference line (ROC chance line, perfect calibration). */
  diagonal?: boolean;
  /** Corner of the plot for the legend, away from where the curves usually run. */
  legend?: 'top-left' | 'top-right' | 'bottom-right';
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const MAX_POINTS = 600;

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Short tick labels: 0.25, 1.2k, 3e-5. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  if (a >= 1000) return `${(v / 1000).toFixed(1)}k`;
  return String(Number(v.toPrecision(3)));
}

// Long curves (a ROC over 24,000 scores) are thinned to keep the file small; the ends are kept.
function thin<T>(points: readonly T[]): readonly T[] {
  if (points.length <= MAX_POINTS) return points;
  const step = points.length / MAX_POINTS;
  const out: T[] = [];
  for (let k = 0; k < MAX_POINTS; k++) out.push(points[Math.floor(k * step)]);
  out.push(points[points.length - 1]);
  return out;
}

function extent(values: number[], fallback: [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return fallback;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

export function renderLineChart(series: readonly ChartSeries[], options: ChartOptions): string {
  const width = options.width ?? 420;
  const height = options.height ?? 300;
  const m = { left: 52, right: 14, top: 28, bottom: 42 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const all = series.flatMap((s) => s.points);
  const [x0, x1] =
    options.xRange ??
    extent(
      all.map((p) => p.x),
      [0, 1],
    );
  const [y0, y1] =
    options.yRange ??
    extent(
      all.map((p) => p.y),
      [0, 1],
    );
  const sx = (x: number): number => m.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number): number => m.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const f = (v: number): string => v.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" font-family="sans-serif" font-size="11">`,
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const xv = x0 + ((x1 - x0) * k) / 4;
    const yv = y0 + ((y1 - y0) * k) / 4;
    parts.push(
      `<line x1="${f(sx(xv))}" y1="${m.top + plotH}" x2="${f(sx(xv))}" y2="${m.top + plotH + 4}" stroke="#888"/>`,
      `<text x="${f(sx(xv))}" y="${m.top + plotH + 16}" text-anchor="middle">${formatTick(xv)}</text>`,
      `<line x1="${m.left - 4}" y1="${f(sy(yv))}" x2="${m.left}" y2="${f(sy(yv))}" stroke="#888"/>`,
      `<text x="${m.left - 6}" y="${f(sy(yv) + 4)}" text-anchor="end">${formatTick(yv)}</text>`,
    );
  }
  parts.push(
    `<text x="${m.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(12 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  if (options.diagonal) {
    const lo = Math.max(x0, y0);
    const hi = Math.min(x1, y1);
    parts.push(
      `<line x1="${f(sx(lo))}" y1="${f(sy(lo))}" x2="${f(sx(hi))}" y2="${f(sy(hi))}" stroke="#aaa" stroke-dasharray="4 3"/>`,
    );
  }
  series.forEach((s, k) => {
    const colour = PALETTE[k % PALETTE.length];
    const points = thin(s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
    if (s.markers) {
      for (const p of points)
        parts.push(`<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="3.5" fill="${colour}"/>`);
    } else if (points.length > 0) {
      const d = points.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(' ');
      parts.push(`<polyline points="${d}" fill="none" stroke="${colour}" stroke-width="1.8"/>`);
    }
    const corner = options.legend ?? 'bottom-right';
    const lx = corner === 'top-left' ? m.left + 8 : m.left + plotW - 130;
    const ly =
      corner === 'bottom-right' ? m.top + plotH - 8 - (series.length - 1 - k) * 14 : m.top + 14 + k * 14;
    parts.push(
      `<rect x="${lx}" y="${ly - 8}" width="10" height="10" fill="${colour}"/>`,
      `<text x="${lx + 14}" y="${ly + 1}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
