import { GenericWordTokenizer } from './generic-word-tokenizer.js';

describe('GenericWordTokenizer', () => {
  it('wraps natural Treebank tokenisation with exact offsets', () => {
    const text = "Selegiline-induced hypotension in Parkinson's disease.";
    const sut = new GenericWordTokenizer('treebank').tokenize(text);
    expect(sut.map((t) => t.text)).toEqual([
      'Selegiline-induced',
      'hypotension',
      'in',
      'Parkinson',
      "'s",
      'disease',
      '.',
    ]);
    for (const t of sut) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('wraps natural WordPunct tokenisation', () => {
    const sut = new GenericWordTokenizer('word-punct').tokenize('IL-2 7.5 mg/dL');
    expect(sut.map((t) => t.text)).toEqual(['IL-', '2', '7.5', 'mg', '/', 'dL']);
  });
});
