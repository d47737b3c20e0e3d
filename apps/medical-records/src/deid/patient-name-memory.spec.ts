import { InferenceModule } from '@suite/inference';
import { Test, type TestingModule } from '@nestjs/testing';
import { DeidModule } from './deid.module.js';
import { DeidService } from './deid.service.js';
import {
  InMemoryNameMemory,
  MAX_REMEMBERED_NAME_WORDS,
  NameMemoryHasher,
  nameWordHashes,
  withRememberedNames,
} from './patient-name-memory.js';
import type { PhiSpan } from './phi-labels.js';

const SECRET = 'test-secret';
const hasher = new NameMemoryHasher(SECRET);

const nameSpan = (text: string, name: string): PhiSpan => {
  const start = text.indexOf(name);
  return { type: 'NAME', label: 'NOMBRE_SUJETO_ASISTENCIA', start, end: start + name.length, source: 'rule' };
};

describe('patient name memory (hashes, filters)', () => {
  it('hashes words and patients under the key, case- and form-insensitively, never in clear', () => {
    const word = hasher.word('moretti');
    expect(word).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.word('MORETTI'.toLowerCase())).toBe(word);
    // NFKC: a full-width spelling is the same word.
    expect(hasher.word('ｍｏｒｅｔｔｉ')).toBe(word);
    expect(new NameMemoryHasher('another-secret').word('moretti')).not.toBe(word);
    expect(hasher.patient('p-1')).not.toBe(hasher.word('p-1'));
    expect(hasher.patient('p-1')).not.toContain('p-1');
  });

  it('remembers the name words of NAME spans, without particles, function words or short words', () => {
    const text = 'Seen with Maria de la Cruz and Al, RN. Plan: will call.';
    const spans = [nameSpan(text, 'Maria de la Cruz'), nameSpan(text, 'Al')];
    expect(new Set(nameWordHashes(text, spans, hasher))).toEqual(
      new Set([hasher.word('maria'), hasher.word('cruz')]),
    );
  });

  it('removes every cue-less mention of a remembered word in any case, keeps common words in lower case', () => {
    // `will` is a function word: never a propagated name, even were its hash in the memory.
    const remembered = new Set(['suzette', 'hope', 'will'].map((w) => hasher.word(w)));
    const text = 'SUZETTE called, suzette will visit in hope. Hope Suzette Jones came. Lasix given.';
    const spans = withRememberedNames(text, [], remembered, hasher);
    const removed = spans.map((s) => text.slice(s.start, s.end));
    expect(removed).toEqual(['SUZETTE', 'suzette', 'Hope Suzette']);
    for (const s of spans) expect(s.type).toBe('NAME');
  });

  it('adds nothing without memory, and nothing where the text has no remembered word', () => {
    const text = 'Suzette called.';
    expect(withRememberedNames(text, [], new Set(), hasher)).toEqual([]);
    expect(withRememberedNames(text, [], new Set([hasher.word('moretti')]), hasher)).toEqual([]);
  });

  it('keeps at most MAX_REMEMBERED_NAME_WORDS per patient, forgetting the least recently seen', () => {
    const memory = new InMemoryNameMemory();
    const words = Array.from({ length: MAX_REMEMBERED_NAME_WORDS + 10 }, (_, i) => hasher.word(`name${i}`));
    memory.remember('p', words.slice(0, 20));
    memory.remember('p', words.slice(20));
    memory.remember('p', [words[0]]);
    const kept = memory.recall('p');
    expect(kept.size).toBe(MAX_REMEMBERED_NAME_WORDS);
    expect(kept.has(words[0])).toBe(true);
    expect(kept.has(words[1])).toBe(false);
    expect(memory.recall('q').size).toBe(0);
  });
});

describe('DeidService with a patient name memory (rules only)', () => {
  let sut: DeidService;
  let moduleRef: TestingModule;
  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [InferenceModule.forRoot(), DeidModule.forRoot({ model: null, secret: SECRET })],
    }).compile();
    sut = moduleRef.get(DeidService);
  });
  afterAll(() => moduleRef.close());

  it("removes a name from a patient's later document where only the earlier one had a cue", async () => {
    const first = await sut.deidentify({
      text: 'Patient: Ursla Moretti. Daughter Suzette at bedside.',
      language: 'en',
      mode: 'redact',
      patientKey: 'p-1',
    });
    expect(first.nameWords).toEqual(expect.arrayContaining([hasher.word('moretti')]));
    const later = 'moretti resting, family updated.';
    const without = await sut.deidentify({ text: later, language: 'en', mode: 'redact', patientKey: 'p-1' });
    expect(without.text).toContain('moretti');
    const withMemory = await sut.deidentify({
      text: later,
      language: 'en',
      mode: 'redact',
      patientKey: 'p-1',
      rememberedNameWords: new Set(first.nameWords),
    });
    expect(withMemory.text).toBe('[NAME] resting, family updated.');
    expect(withMemory.nameWords).toEqual([hasher.word('moretti')]);
  });

  it('returns no name words without a patient key', async () => {
    const result = await sut.deidentify({ text: 'Patient: Ursla Moretti.', language: 'en', mode: 'redact' });
    expect(result.nameWords).toBeUndefined();
  });

  it('keys the memory by a hash of the patient key', () => {
    expect(sut.nameMemoryKey('p-1')).toBe(hasher.patient('p-1'));
  });
});
