import { InferenceModule } from '@suite/inference';
import fc from 'fast-check';
import { Test, type TestingModule } from '@nestjs/testing';
import { DeidModule } from './deid.module.js';
import { DeidService } from './deid.service.js';
import type { DeidLanguage, DeidMode } from './phi-finding.js';

// PHI-looking fragments mixed into arbitrary Unicode, so that findings actually occur.
const PHI_FRAGMENTS = [
  'Patient: John Smith',
  'Dr. Emily Chen',
  'MRN: 4455667',
  '03/14/2019',
  '3 de mayo de 2017',
  'Tel: 912 345 678',
  '(617) 555-0199',
  'jane.doe@example.com',
  '192.168.1.20',
  '123 Main Street',
  'Springfield, IL 62704',
  'c/ del Abedul 5-7',
  'Paciente de 94 años',
  'NHC: 368503',
  'SSN 123-45-6789',
  'Mercy General Hospital',
];

const textArb = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom(...PHI_FRAGMENTS),
      fc.constantFrom(' ', '\n', '. ', ', '),
    ),
    {
      maxLength: 14,
    },
  )
  .map((parts) => parts.join(''));

describe('de-identification offsets (property)', () => {
  let sut: DeidService;
  let moduleRef: TestingModule;
  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [InferenceModule.forRoot(), DeidModule.forRoot({ model: null, secret: 'property-secret' })],
    }).compile();
    sut = moduleRef.get(DeidService);
  });
  afterAll(() => moduleRef.close());

  it('reports in-range, ordered, disjoint findings whose replacements hide every detected value', async () => {
    await fc.assert(
      fc.asyncProperty(
        textArb,
        fc.constantFrom<DeidLanguage>('en', 'es'),
        fc.constantFrom<DeidMode>('redact', 'surrogate'),
        async (text, language, mode) => {
          const detected = await sut.detectPhi(text, language);
          const originals = detected.map((s) => text.slice(s.start, s.end));
          const result = await sut.deidentify({ text, language, mode, patientKey: 'p' });
          expect(result.findings).toHaveLength(detected.length);
          let previousEnd = 0;
          result.findings.forEach((f, k) => {
            expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
            expect(f.start).toBeGreaterThanOrEqual(previousEnd);
            expect(f.end).toBeGreaterThan(f.start);
            expect(f.end).toBeLessThanOrEqual(result.text.length);
            previousEnd = f.end;
            // The replacement never is the original value.
            expect(result.text.slice(f.start, f.end)).not.toBe(originals[k]);
          });
          // No detected value survives anywhere in the output, unless the input also holds it
          // outside every detected span (then it was never PHI-in-context there).
          const outside = detected.reduceRight(
            (t, s) => t.slice(0, s.start) + '\u0000' + t.slice(s.end),
            text,
          );
          for (const original of originals) {
            if (original.length < 4 || outside.includes(original)) continue;
            expect(result.text.includes(original)).toBe(false);
          }
        },
      ),
      { numRuns: 300, seed: 20240611 },
    );
  });
});
