import { readBratFolder } from '@suite/ml';
import { EnglishNoteGenerator } from './english-note-generator.js';

describe('EnglishNoteGenerator', () => {
  it('reproduces the committed English development notes exactly (seed 2014)', async () => {
    const committed = await readBratFolder('data/deid-en/dev', { strict: true });
    const sut = new EnglishNoteGenerator(2014).generate(committed.length);
    expect(committed).toHaveLength(100);
    sut.forEach((note, k) => {
      expect(note.name).toBe(committed[k].name);
      expect(note.text).toBe(committed[k].text);
      expect(note.entities.map((e) => [e.type, e.start, e.end])).toEqual(
        committed[k].entities.map((e) => [e.type, e.start, e.end]),
      );
    });
  });

  it('writes spans whose text is the slice they point at, with every label present', () => {
    const notes = new EnglishNoteGenerator(7).generate(20);
    const labels = new Set<string>();
    for (const note of notes)
      for (const e of note.entities) {
        expect(note.text.slice(e.start, e.end)).toBe(e.text);
        labels.add(e.type);
      }
    expect([...labels].sort()).toEqual(['AGE', 'CONTACT', 'DATE', 'HOSPITAL', 'ID', 'LOCATION', 'NAME']);
  });
});
