import { InferenceModule } from '@suite/inference';
import { Test, type TestingModule } from '@nestjs/testing';
import { DeidModule } from './deid.module.js';
import { DeidService } from './deid.service.js';
import { deidOptionsFromEnv } from './deid.options.js';
import { dateShiftDays } from './surrogates/document-surrogates.js';

const SECRET = 'test-secret';

describe('DeidService (rules only)', () => {
  let sut: DeidService;
  let moduleRef: TestingModule;
  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [InferenceModule.forRoot(), DeidModule.forRoot({ model: null, secret: SECRET })],
    }).compile();
    sut = moduleRef.get(DeidService);
  });
  afterAll(() => moduleRef.close());

  it('redacts every detected class with its type', async () => {
    const text = 'Patient: John Smith, MRN 4455667. Seen 03/14/2019 by Dr. Emily Chen. Phone (555) 123-4567.';
    const result = await sut.deidentify({ text, language: 'en', mode: 'redact' });
    expect(result.text).toBe(
      'Patient: [NAME], MRN [MEDICAL_RECORD]. Seen [DATE] by Dr. [NAME]. Phone [PHONE].',
    );
    for (const f of result.findings) expect(result.text.slice(f.start, f.end)).toBe(`[${f.type}]`);
  });

  it('gives one name one surrogate within a document, surname mentions included', async () => {
    const text = 'Patient: John Smith. Mr. Smith was seen by Dr. Emily Chen. Patient: John Smith again.';
    const result = await sut.deidentify({ text, language: 'en', mode: 'surrogate', patientKey: 'p1' });
    const names = result.findings
      .filter((f) => f.type === 'NAME')
      .map((f) => result.text.slice(f.start, f.end));
    expect(names).toHaveLength(4);
    expect(names[0]).toBe(names[3]);
    expect(names[0].split(' ')[1]).toBe(names[1]);
    expect(result.text).not.toMatch(/John|Smith|Emily|Chen/);
  });

  it('shifts all dates of a patient by one offset, so intervals survive', async () => {
    const text = 'Ingreso: 12/03/2016. Alta: 20/03/2016. Control el 3 de mayo de 2016.';
    const a = await sut.deidentify({ text, language: 'es', mode: 'surrogate', patientKey: 'patient-42' });
    const dates = a.findings.filter((f) => f.type === 'DATE').map((f) => a.text.slice(f.start, f.end));
    expect(dates).toHaveLength(3);
    const dmy = (s: string): number => {
      const [d, m, y] = s.split('/').map(Number);
      return Date.UTC(y, m - 1, d);
    };
    expect((dmy(dates[1]) - dmy(dates[0])) / 86_400_000).toBe(8);
    const shift = (dmy(dates[0]) - Date.UTC(2016, 2, 12)) / 86_400_000;
    expect(shift).toBe(dateShiftDays(SECRET, 'patient-42'));
    expect(dates[2]).toMatch(/^\d{1,2} de [a-z]+ de 2016|^\d{1,2} de [a-z]+ de 201[57]$/);
    const b = await sut.deidentify({
      text: 'Visita 12/03/2016.',
      language: 'es',
      mode: 'surrogate',
      patientKey: 'patient-42',
    });
    expect(b.text).toContain(dates[0]);
  });
});

describe('DeidService with a configured model that cannot be loaded', () => {
  it('fails closed at start-up, naming the opt-in to rules alone', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        InferenceModule.forRoot(),
        DeidModule.forRoot({ model: 'no-such-deid-model', secret: SECRET }),
      ],
    }).compile();
    await expect(moduleRef.get(DeidService).onModuleInit()).rejects.toThrow(/DEID_MODEL=none/);
    await moduleRef.close();
  });
});

describe('deidOptionsFromEnv', () => {
  it('refuses production without DEID_SECRET', () => {
    expect(() => deidOptionsFromEnv({ NODE_ENV: 'production' })).toThrow(/DEID_SECRET/);
    expect(deidOptionsFromEnv({ NODE_ENV: 'production', DEID_SECRET: 'x'.repeat(32) }).secret).toHaveLength(
      32,
    );
  });
});
