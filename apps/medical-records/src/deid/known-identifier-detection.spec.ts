import { Test } from '@nestjs/testing';
import { InferenceModule } from '@suite/inference';
import { DeidModule } from './deid.module.js';
import { DeidService } from './deid.service.js';
import {
  findKnownIdentifiers,
  withKnownIdentifiers,
  writtenDateForms,
} from './known-identifier-detection.js';

describe('known identifiers', () => {
  it('finds every part of a name, in any case, at word boundaries only', () => {
    const text = 'mrs. marcela CARLSON seen; Carlson agrees. Marcela called. Carlsonite is not her.';
    const found = findKnownIdentifiers(text, { names: ['Marcela Carlson'] }).map((s) =>
      text.slice(s.start, s.end),
    );
    expect(found).toEqual(expect.arrayContaining(['marcela CARLSON', 'Carlson', 'Marcela']));
    expect(found).not.toContain('Carlsonite');
    expect(found.every((f) => /^(?:marcela|carlson|marcela carlson)$/i.test(f))).toBe(true);
  });

  it('finds phones whatever the punctuation and record numbers as written', () => {
    const text = 'call 301 944-5032 or (301)944.5032; chart 00981234; 3019445032x';
    const found = findKnownIdentifiers(text, { phones: ['+1 (301) 944-5032'], identifiers: ['00981234'] });
    expect(found.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual(
      expect.arrayContaining([
        ['PHONE', '301 944-5032'],
        ['PHONE', '301)944.5032'],
        ['MEDICAL_RECORD', '00981234'],
      ]),
    );
  });

  it('writes a birth date in its common forms', () => {
    const forms = writtenDateForms('1947-03-09');
    expect(forms).toEqual(
      expect.arrayContaining(['3/9/1947', '03/09/47', 'March 9, 1947', '9th of March 1947', 'Mar 9', '3/9']),
    );
  });

  it('removes the union where a known value overlaps a detected span', () => {
    const text = 'Seen by John Smithers today';
    const detected = [
      {
        type: 'NAME' as const,
        label: 'NOMBRE_SUJETO_ASISTENCIA' as const,
        start: 13,
        end: 27,
        source: 'model' as const,
      },
    ];
    const spans = withKnownIdentifiers(text, detected, { names: ['John Smithers'] });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['John Smithers today']);
  });

  it('redacts every known value through DeidService, in both modes, rules alone', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [InferenceModule.forRoot(), DeidModule.forRoot({ model: null, secret: 'known-secret' })],
    }).compile();
    const sut = moduleRef.get(DeidService);
    const text =
      'pt zyxqa wuvton, dob march 9, 1947; home 410 392 0780; mrn a-99812; lives at 12 elm st; mail zw@example.org';
    const knownIdentifiers = {
      names: ['Zyxqa Wuvton'],
      dates: ['1947-03-09'],
      phones: ['410-392-0780'],
      identifiers: ['A-99812'],
      addresses: ['12 Elm St, Springfield'],
      emails: ['ZW@example.org'],
    };
    for (const mode of ['redact', 'surrogate'] as const) {
      const out = await sut.deidentify({ text, language: 'en', mode, knownIdentifiers });
      for (const leaked of [/zyxqa/i, /wuvton/i, /march 9/i, /392/, /99812/, /elm st/i, /zw@/i])
        expect(out.text).not.toMatch(leaked);
    }
    await moduleRef.close();
  });
});
