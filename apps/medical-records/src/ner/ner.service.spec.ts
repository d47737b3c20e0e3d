import { InferenceModule } from '@suite/inference';
import fc from 'fast-check';
import { Test } from '@nestjs/testing';
import { NerModule } from './ner.module.js';
import { NerService } from './ner.service.js';

// Runs the shipped bc5cdr model (models/bc5cdr) through libs/inference, as the service does.
describe('NerService', () => {
  let sut: NerService;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [InferenceModule.forRoot(), NerModule.forRoot({ modelsDir: 'models', model: 'bc5cdr' })],
    }).compile();
    await moduleRef.init();
    sut = moduleRef.get(NerService);
    close = () => moduleRef.close();
  });

  afterAll(async () => {
    await close();
  });

  it('finds chemicals and diseases with offsets into the text as given', async () => {
    const text =
      'Cocaine-induced seizures were treated with diazepam.\nNo hypotension after 2.5mg b.i.d. of lithium.';
    const entities = await sut.extractEntities(text);
    const found = entities.map((e) => `${e.type}:${e.text}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'Chemical:Cocaine',
        'Disease:seizures',
        'Chemical:diazepam',
        'Disease:hypotension',
        'Chemical:lithium',
      ]),
    );
    for (const e of entities) {
      expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('returns no entities for empty or blank text', async () => {
    expect(await sut.extractEntities('')).toEqual([]);
    expect(await sut.extractEntities(' \n\t ')).toEqual([]);
  });

  it('every entity text is the slice of the input at [start, end), for arbitrary Unicode input', async () => {
    const clinical = fc.constantFrom(
      'aspirin',
      'cocaine',
      'seizures',
      'hypertension',
      'IL-2',
      '5-FU',
      '(',
      ')',
      '.',
      'e\u0301',
      '😀',
      '𝛼',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .array(fc.oneof(clinical, fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 20 })
        .map((p) => p.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        for (const e of await sut.extractEntities(input)) {
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(input.length);
          expect(e.start).toBeLessThan(e.end);
          expect(input.slice(e.start, e.end)).toBe(e.text);
        }
      }),
      { numRuns: 150 },
    );
  });
});
