import { MedicalTokenizer } from './medical-tokenizer.js';
import { splitSentences } from './sentence-splitter.js';

const sentencesOf = (text: string): string[] =>
  splitSentences(text, new MedicalTokenizer().tokenize(text)).map((s) =>
    text.slice(s[0].start, s[s.length - 1].end),
  );

describe('splitSentences', () => {
  it('breaks after final punctuation before a capital, not after Latin abbreviations', () => {
    expect(sentencesOf('Aspirin 81 mg p.o. Daily dosing was kept. Then 2.5mg b.i.d. was added.')).toEqual([
      'Aspirin 81 mg p.o. Daily dosing was kept.',
      'Then 2.5mg b.i.d. was added.',
    ]);
  });

  it('breaks at line breaks', () => {
    expect(sentencesOf('Medications:\nwarfarin 5 mg\n\nAllergies: penicillin')).toEqual([
      'Medications:',
      'warfarin 5 mg',
      'Allergies: penicillin',
    ]);
  });
});
