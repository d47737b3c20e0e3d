// `eval deid`: a BRAT folder (MEDDOCAN's Spanish labels, or the English notes' coarse labels) run
// through a PHI detector; predictions are written in the gold's own label set.
import { mkdir } from 'node:fs/promises';
import { type BratDocument, writeBratAnnotations } from '@suite/ml';
import type { DeidLanguage } from '../phi-finding.js';
import { ENGLISH_LABELS, englishLabelOf, type PhiSpan } from '../phi-labels.js';
import { scoreDeid, type DeidScores, type LabelledSpan } from '@suite/medical-models';
import type { ReviewedDocument } from './deid-review-report.js';

export type LabelSet = 'meddocan' | 'english';

/** The gold's label set: the English notes use only the coarse i2b2-style labels. */
export function labelSetOf(documents: readonly BratDocument[]): LabelSet {
  const english = new Set<string>(ENGLISH_LABELS);
  const types = documents.flatMap((d) => d.entities.map((e) => e.type));
  return types.length > 0 && types.every((t) => english.has(t)) ? 'english' : 'meddocan';
}

/** Spanish when Spanish function words outnumber English ones (good enough for clinical notes). */
export function detectLanguage(text: string): DeidLanguage {
  const count = (re: RegExp): number => (text.match(re) ?? []).length;
  const es = count(/\b(?:de|la|el|los|las|que|con|por|para|una|del|años|paciente)\b/giu);
  const en = count(/\b(?:the|and|of|with|was|for|patient|his|her|is|on|to)\b/giu);
  return es > en ? 'es' : 'en';
}

export function labelledPredictions(spans: readonly PhiSpan[], labels: LabelSet): LabelledSpan[] {
  return spans.flatMap((s) => {
    const type = labels === 'english' ? englishLabelOf(s.type) : s.label;
    return type ? [{ type, start: s.start, end: s.end }] : [];
  });
}

export async function evaluateDeid(params: {
  documents: readonly BratDocument[];
  /** `name`: the document's name (the patient memory of `eval deid --patient-memory` keys on it). */
  detect: (text: string, language: DeidLanguage, name: string) => Promise<PhiSpan[]>;
  language?: DeidLanguage;
  predictionsDir?: string;
  onDocument?: (done: number, total: number) => void;
  /** Each document with its gold and predicted spans (for the review report). */
  onScored?: (document: ReviewedDocument) => void;
}): Promise<DeidScores & { labels: LabelSet; languages: Record<DeidLanguage, number> }> {
  const labels = labelSetOf(params.documents);
  const languages: Record<DeidLanguage, number> = { en: 0, es: 0 };
  if (params.predictionsDir) await mkdir(params.predictionsDir, { recursive: true });
  const scored: { gold: LabelledSpan[]; predicted: LabelledSpan[]; text: string }[] = [];
  for (const [k, doc] of params.documents.entries()) {
    const language = params.language ?? detectLanguage(doc.text);
    languages[language]++;
    const predicted = labelledPredictions(await params.detect(doc.text, language, doc.name), labels);
    scored.push({
      gold: doc.entities.map((e) => ({ type: e.type, start: e.start, end: e.end })),
      predicted,
      text: doc.text,
    });
    params.onScored?.({ name: doc.name, text: doc.text, gold: scored[scored.length - 1].gold, predicted });
    if (params.predictionsDir)
      await writeBratAnnotations(params.predictionsDir, {
        name: doc.name,
        text: doc.text,
        entities: predicted.map((p, i) => ({ ...p, id: `T${i + 1}`, text: doc.text.slice(p.start, p.end) })),
      });
    params.onDocument?.(k + 1, params.documents.length);
  }
  return { ...scoreDeid(scored), labels, languages };
}
