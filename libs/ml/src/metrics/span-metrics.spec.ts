import { readIobFile } from '../data/iob-format.js';
import { evaluateSpans, extractSpans } from './span-metrics.js';

describe('conlleval span metrics', () => {
  it('treats I-X without B-X as the start of a chunk', () => {
    expect(extractSpans(['O', 'I-PER', 'I-PER', 'O'])).toEqual([{ type: 'PER', start: 1, end: 3 }]);
    const sut = evaluateSpans([['O', 'I-PER', 'I-PER', 'O']], [['O', 'B-PER', 'I-PER', 'O']]);
    expect([sut.precision, sut.recall, sut.f1]).toEqual([1, 1, 1]);
    expect(sut.tokenAccuracy).toBe(0.75);
  });

  it('splits adjacent same-type B- B- into two chunks', () => {
    expect(extractSpans(['B-LOC', 'B-LOC'])).toEqual([
      { type: 'LOC', start: 0, end: 1 },
      { type: 'LOC', start: 1, end: 2 },
    ]);
    const sut = evaluateSpans([['B-LOC', 'B-LOC']], [['B-LOC', 'I-LOC']]);
    expect({ gold: sut.gold, predicted: sut.predicted, correct: sut.correct, f1: sut.f1 }).toEqual({
      gold: 2,
      predicted: 1,
      correct: 0,
      f1: 0,
    });
  });

  it('starts a new chunk when I- switches type (I-A I-B)', () => {
    expect(extractSpans(['B-A', 'I-A', 'I-B', 'O'])).toEqual([
      { type: 'A', start: 0, end: 2 },
      { type: 'B', start: 2, end: 3 },
    ]);
    expect(evaluateSpans([['B-A', 'I-A', 'I-B', 'O']], [['B-A', 'I-A', 'B-B', 'O']]).f1).toBe(1);
    const merged = evaluateSpans([['B-A', 'I-A', 'I-B', 'O']], [['B-A', 'I-A', 'I-A', 'O']]);
    expect([merged.gold, merged.predicted, merged.correct]).toEqual([2, 1, 0]);
  });

  it('never lets a chunk run across a sentence boundary', () => {
    const sut = evaluateSpans([['B-X'], ['I-X']], [['B-X'], ['B-X']]);
    expect([sut.gold, sut.predicted, sut.correct]).toEqual([2, 2, 2]);
  });

  it('scores a hand-computed two-sentence case overall and per type', () => {
    const gold = [
      ['B-Chem', 'I-Chem', 'O', 'B-Dis'],
      ['I-Dis', 'O'],
    ];
    const predicted = [
      ['B-Chem', 'O', 'O', 'B-Dis'],
      ['B-Dis', 'B-Dis'],
    ];
    const sut = evaluateSpans(gold, predicted);
    expect(sut.precision).toBe(0.5);
    expect(sut.recall).toBeCloseTo(2 / 3, 15);
    expect(sut.f1).toBeCloseTo(4 / 7, 15);
    expect(sut.tokenAccuracy).toBe(0.5);
    expect(sut.perType.Chem).toEqual({ precision: 0, recall: 0, f1: 0, gold: 1, predicted: 1, correct: 0 });
    expect(sut.perType.Dis.precision).toBeCloseTo(2 / 3, 15);
    expect(sut.perType.Dis.recall).toBe(1);
    expect(sut.perType.Dis.f1).toBeCloseTo(0.8, 15);
  });

  it('keeps hyphens inside types, as conlleval since 2004', () => {
    expect(extractSpans(['B-SUB-TYPE', 'I-SUB-TYPE'])).toEqual([{ type: 'SUB-TYPE', start: 0, end: 2 }]);
  });

  it('rejects sentences of different lengths', () => {
    expect(() => evaluateSpans([['O']], [['O', 'O']])).toThrow(RangeError);
  });

  it('counts the README mention totals on the real BC5CDR train file and scores gold against itself as 1', async () => {
    const sentences = await readIobFile({ path: 'data/bc5cdr/train.tsv' });
    const counts: Record<string, number> = {};
    for (const s of sentences)
      for (const span of extractSpans(s.tags)) counts[span.type] = (counts[span.type] ?? 0) + 1;
    expect(counts).toEqual({ Chemical: 5203, Disease: 4182 });
    const tags = sentences.map((s) => s.tags);
    expect(evaluateSpans(tags, tags).f1).toBe(1);
  });
});
