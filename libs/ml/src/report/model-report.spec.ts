import { calibrationTable } from '../metrics/calibration-metrics.js';
import { confusionMatrix } from '../metrics/classification-metrics.js';
import { rocCurve } from '../metrics/ranking-metrics.js';
import { Rng } from '../random/rng.js';
import { renderModelReport } from './model-report.js';

describe('renderModelReport', () => {
  const rng = new Rng(17);
  const labels = Array.from({ length: 2000 }, () => (rng.next() < 0.3 ? 1 : 0));
  const scores = labels.map((y) => Math.min(1, Math.max(0, 0.3 * y + 0.7 * rng.next())));
  const sut = renderModelReport({
    title: 'Credit risk <GBDT> & friends',
    metrics: { auc: 0.7912, n: 2000, data: 'credit-default train.csv' },
    rocCurve: rocCurve(labels, scores),
    calibration: calibrationTable(labels, scores),
    confusion: confusionMatrix(['a', 'b', 'a', 'c'], ['a', 'b', 'c', 'c']),
    perType: { Chemical: { precision: 0.9, recall: 0.8, f1: 0.847, gold: 120 } },
    trainingCurve: {
      series: [
        { name: 'train', values: [0.6, 0.5, 0.45] },
        { name: 'dev', values: [0.62, 0.55, 0.53] },
      ],
    },
    notes: ['Trained with `npm run cli -- train risk`'],
  });

  it('is one HTML document with an SVG per chart', () => {
    expect(sut.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(sut.match(/<svg /g)).toHaveLength(3);
    for (const title of ['ROC curve', 'Calibration (reliability)', 'Training curve'])
      expect(sut).toContain(`aria-label="${title}"`);
    expect(sut).toContain('<polyline');
    expect(sut.match(/<circle /g)!.length).toBeGreaterThanOrEqual(5);
  });

  it('fetches nothing: no scripts, no links, no URLs but the SVG namespace', () => {
    const urls = sut.match(/https?:\/\/[^\s"'<>)]*/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(sut).not.toMatch(/<script|<link|<img|@import|url\(/i);
  });

  it('escapes text and includes the tables', () => {
    expect(sut).toContain('Credit risk &lt;GBDT&gt; &amp; friends');
    expect(sut).not.toContain('<GBDT>');
    expect(sut).toContain('<th>precision</th>');
    expect(sut).toContain('0.7912');
    expect(sut).toContain('true \\ predicted');
  });

  it('thins long curves to keep the file small', () => {
    const points = Array.from({ length: 20000 }, (_, k) => ({ fpr: k / 19999, tpr: Math.sqrt(k / 19999) }));
    const html = renderModelReport({ title: 'big', metrics: {}, rocCurve: points });
    expect(html.length).toBeLessThan(40000);
  });

  it('leaves out the sections it has no data for', () => {
    const html = renderModelReport({ title: 'bare', metrics: { accuracy: 0.5 } });
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('Confusion');
  });
});
