// A self-contained HTML model report (metrics table, ROC curve, reliability diagram, confusion or
// per-type table, training curve) written next to a model card. Everything is inline: no scripts,
// no stylesheets or fonts fetched, so it renders offline and stays identical when archived.
import { escapeXml, renderLineChart } from './svg-chart.js';

export interface ReportRocPoint {
  fpr: number;
  tpr: number;
}

export interface ReportCalibrationBin {
  meanPredicted: number;
  observedRate: number;
  count: number;
}

export interface ReportConfusion {
  labels: readonly (string | number)[];
  /** matrix[true][predicted] counts. */
  matrix: readonly (readonly number[])[];
}

export interface ReportTypeScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items of the type (spans, rows), if known. */
  gold?: number;
}

export interface ReportTrainingCurve {
  xLabel?: string;
  yLabel?: string;
  series: readonly { name: string; values: readonly number[] }[];
}

export interface ModelReportInput {
  title: string;
  metrics: Readonly<Record<string, number | string>>;
  rocCurve?: readonly ReportRocPoint[];
  calibration?: readonly ReportCalibrationBin[];
  confusion?: ReportConfusion;
  perType?: Readonly<Record<string, ReportTypeScores>>;
  trainingCurve?: ReportTrainingCurve;
  /** Free-text lines (data set, licence, command that rebuilt the model). */
  notes?: readonly string[];
}

const STYLE = `body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
th{background:#f3f3f3}td.label,th.label{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:16px}.notes{color:#555;font-size:13px}`;

function formatMetric(v: number | string): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4);
}

function metricsTable(metrics: Readonly<Record<string, number | string>>): string {
  const rows = Object.entries(metrics).map(
    ([k, v]) => `<tr><td class="label">${escapeXml(k)}</td><td>${escapeXml(formatMetric(v))}</td></tr>`,
  );
  return `<table><tr><th class="label">metric</th><th>value</th></tr>${rows.join('')}</table>`;
}

/** Rows coloured by their share of the true class (recall per cell), darker = more. */
function confusionTable(confusion: ReportConfusion): string {
  const { labels, matrix } = confusion;
  if (matrix.length !== labels.length || matrix.some((r) => r.length !== labels.length))
    throw new RangeError('confusion matrix must be square with one row per label');
  const head = labels.map((l) => `<th>${escapeXml(String(l))}</th>`).join('');
  const body = matrix.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    const cells = row.map((count) => {
      const share = total > 0 ? count / total : 0;
      const ink = share > 0.6 ? '#fff' : '#222';
      return `<td style="background:rgba(31,119,180,${share.toFixed(3)});color:${ink}">${count}</td>`;
    });
    return `<tr><th class="label">${escapeXml(String(labels[t]))}</th>${cells.join('')}</tr>`;
  });
  return `<table><tr><th class="label">true \\ predicted</th>${head}</tr>${body.join('')}</table>`;
}

function perTypeTable(perType: Readonly<Record<string, ReportTypeScores>>): string {
  const rows = Object.entries(perType).map(
    ([type, s]) =>
      `<tr><td class="label">${escapeXml(type)}</td><td>${s.precision.toFixed(4)}</td><td>${s.recall.toFixed(4)}</td><td>${s.f1.toFixed(4)}</td><td>${s.gold ?? ''}</td></tr>`,
  );
  return `<table><tr><th class="label">type</th><th>precision</th><th>recall</th><th>F1</th><th>gold</th></tr>${rows.join('')}</table>`;
}

export function renderModelReport(input: ModelReportInput): string {
  const sections: string[] = [
    `<h1>${escapeXml(input.title)}</h1>`,
    '<h2>Metrics</h2>',
    metricsTable(input.metrics),
  ];
  const charts: string[] = [];
  if (input.rocCurve?.length) {
    charts.push(
      renderLineChart([{ name: 'model', points: input.rocCurve.map((p) => ({ x: p.fpr, y: p.tpr })) }], {
        title: 'ROC curve',
        xLabel: 'false positive rate',
        yLabel: 'true positive rate',
        xRange: [0, 1],
        yRange: [0, 1],
        diagonal: true,
      }),
    );
  }
  if (input.calibration?.length) {
    charts.push(
      renderLineChart(
        [
          {
            name: 'bins',
            markers: true,
            points: input.calibration.map((b) => ({ x: b.meanPredicted, y: b.observedRate })),
          },
        ],
        {
          title: 'Calibration (reliability)',
          xLabel: 'mean predicted probability',
          yLabel: 'observed rate',
          xRange: [0, 1],
          yRange: [0, 1],
          diagonal: true,
        },
      ),
    );
  }
  if (input.trainingCurve?.series.length) {
    charts.push(
      renderLineChart(
        input.trainingCurve.series.map((s) => ({
          name: s.name,
          points: s.values.map((y, k) => ({ x: k + 1, y })),
        })),
        {
          title: 'Training curve',
          xLabel: input.trainingCurve.xLabel ?? 'epoch',
          yLabel: input.trainingCurve.yLabel ?? 'loss',
          legend: 'top-right',
        },
      ),
    );
  }
  if (charts.length > 0) sections.push('<h2>Charts</h2>', `<div class="charts">${charts.join('\n')}</div>`);
  if (input.confusion) sections.push('<h2>Confusion matrix</h2>', confusionTable(input.confusion));
  if (input.perType && Object.keys(input.perType).length > 0)
    sections.push('<h2>Per type</h2>', perTypeTable(input.perType));
  if (input.notes?.length)
    sections.push(`<div class="notes">${input.notes.map((n) => `<p>${escapeXml(n)}</p>`).join('')}</div>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(input.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...sections,
    '</body></html>',
    '',
  ].join('\n');
}
