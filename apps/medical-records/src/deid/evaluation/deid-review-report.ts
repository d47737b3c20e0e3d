// The review page of one `eval deid` run: every missed (leaked) and every over-removed stretch of
// text, with its context, so that a privacy officer can read what the system misses. Stretches are
// maximal runs of characters: gold PHI that no prediction covers, predicted characters outside all
// gold PHI. One pass per document over a character mask; HTML-escaped throughout.
import type { LabelledSpan } from '@suite/medical-models';

export interface ReviewedDocument {
  name: string;
  text: string;
  gold: readonly LabelledSpan[];
  predicted: readonly LabelledSpan[];
}

interface Stretch {
  document: string;
  kind: 'missed' | 'over-removed';
  type: string;
  start: number;
  end: number;
  before: string;
  value: string;
  after: string;
}

const CONTEXT = 60;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/gu, '⏎');

function stretchesOf(doc: ReviewedDocument): Stretch[] {
  const n = doc.text.length;
  const gold = new Array<string | undefined>(n);
  const hit = new Array<string | undefined>(n);
  for (const g of doc.gold) for (let k = g.start; k < Math.min(g.end, n); k++) gold[k] = g.type;
  for (const p of doc.predicted) for (let k = p.start; k < Math.min(p.end, n); k++) hit[k] = p.type;
  const out: Stretch[] = [];
  let k = 0;
  while (k < n) {
    const missed = gold[k] !== undefined && hit[k] === undefined;
    const over = hit[k] !== undefined && gold[k] === undefined && !/\s/u.test(doc.text[k]);
    if (!missed && !over) {
      k++;
      continue;
    }
    const start = k;
    const type = (missed ? gold[k] : hit[k]) ?? '';
    while (
      k < n &&
      (missed ? gold[k] !== undefined && hit[k] === undefined : hit[k] !== undefined && gold[k] === undefined)
    )
      k++;
    out.push({
      document: doc.name,
      kind: missed ? 'missed' : 'over-removed',
      type,
      start,
      end: k,
      before: doc.text.slice(Math.max(0, start - CONTEXT), start),
      value: doc.text.slice(start, k),
      after: doc.text.slice(k, k + CONTEXT),
    });
  }
  return out;
}

export function deidReviewHtml(
  title: string,
  summary: Record<string, number | string>,
  documents: readonly ReviewedDocument[],
): string {
  const stretches = documents.flatMap(stretchesOf);
  const rows = (kind: Stretch['kind']): string =>
    stretches
      .filter((s) => s.kind === kind)
      .map(
        (s) =>
          `<tr><td>${escapeHtml(s.document)}</td><td>${escapeHtml(s.type)}</td><td>${s.start}-${s.end}</td>` +
          `<td class="ctx">${escapeHtml(s.before)}<mark>${escapeHtml(s.value)}</mark>${escapeHtml(s.after)}</td></tr>`,
      )
      .join('\n');
  const count = (kind: Stretch['kind']): number => stretches.filter((s) => s.kind === kind).length;
  const table = (kind: Stretch['kind'], heading: string): string =>
    `<h2>${heading} (${count(kind)})</h2>\n<table><tr><th>note</th><th>type</th><th>chars</th><th>context</th></tr>\n${rows(kind)}\n</table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}
.ctx{font-family:monospace;white-space:pre-wrap}mark{background:#ffb3b3}h2{margin-top:2em}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<ul>${Object.entries(summary)
    .map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(String(v))}</li>`)
    .join('')}</ul>
${table('missed', 'Missed: gold PHI left in the text')}
${table('over-removed', 'Over-removed: text removed that is not PHI')}
</body></html>
`;
}
