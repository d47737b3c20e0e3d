import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { InferenceModule } from '@suite/inference';
import { DeidModule } from './deid.module.js';
import { DeidService } from './deid.service.js';
import type { DeidLanguage } from './phi-finding.js';

// Every de-identification text path (rules, name propagation, tokenisation, sentences, tagging,
// replacement) is linear in the text. Each adversarial shape of the hardening probe is run at
// 100,000 characters (4,000 through the model, whose per-token cost is higher but constant) and compared with an ordinary note of the same length in the same run. A
// super-linear path is thousands of times slower at this size (3,000 line breaks once took 18 s
// in the rules alone); the bound is deliberately generous (x25, plus a floor) so that a loaded
// machine never fails it, and it is not a speed target (those live in `bench deid`).
const FACTOR = 25;
const FLOOR_MS = 400;

const ADVERSARIAL: Record<string, string> = {
  'line breaks': '\n',
  spaces: ' ',
  'one huge lower-case token': 'a',
  'one huge capital token': 'A',
  'one huge number': '1',
  'dotted digits': '1.',
  'slashed digits': '1/',
  'hyphenated digits': '1-',
  'spaced digits': '1 ',
  'alternating letter and digit': 'a1',
  'hyphen-joined letters': 'A-',
  'capitalised words': 'Aa ',
  'capitals and spaces': 'AB ',
  'title runs': 'Dr. ',
  'street keyword and capitals': 'C/ A',
  'at signs': 'a@',
  'glued number sign': 'aNo',
  commas: ', ',
  'cue and spaces': 'SSN  ',
  'age cue': 'age 99 ',
  // The English name scanner's cues, lists and initials.
  'relative lists': 'Sons Eddie, ',
  'initials before credentials': 'E. WELSH RN ',
};

const repeatTo = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// Ordinary text: real English nursing notes (data/physionet-deid) and MEDDOCAN cases, concatenated.
function ordinary(language: DeidLanguage, length: number): string {
  const dir = language === 'en' ? 'data/physionet-deid/dev' : 'data/meddocan/train';
  let text = '';
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    text += readFileSync(join(dir, f), 'utf8') + '\n';
    if (text.length >= length) break;
  }
  return text.slice(0, length);
}

async function elapsedMs(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

describe.each([
  ['rules only', null, 100_000],
  ['rules and model', 'deid-meddocan', 4_000],
] as const)('de-identification time is linear in the text (%s)', (_, model, length) => {
  let sut: DeidService;
  let moduleRef: TestingModule;
  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [InferenceModule.forRoot(), DeidModule.forRoot({ model, secret: 'linear-secret' })],
    }).compile();
    await moduleRef.init();
    sut = moduleRef.get(DeidService);
  });
  afterAll(() => moduleRef.close());

  it.each(['en', 'es'] as const)(
    'stays within a constant of an ordinary %s note',
    async (language) => {
      const baseText = ordinary(language, length);
      await sut.deidentify({ text: baseText, language, mode: 'surrogate' });
      const base = await elapsedMs(() => sut.deidentify({ text: baseText, language, mode: 'surrogate' }));
      const slow: string[] = [];
      for (const [shape, unit] of Object.entries(ADVERSARIAL)) {
        const text = repeatTo(unit, length);
        const run = () => elapsedMs(() => sut.deidentify({ text, language, mode: 'redact' }));
        let ms = await run();
        // A slow shape is measured once more and counts only if slow again: a super-linear path is slow
        // every time. In two full-suite runs the first two shapes here (100,000 line breaks, spaces) took
        // 90-120 s once while the same calls take ~11 ms alone, in a fresh worker or right after the
        // other deid specs; the cause of those stalls was not found (not the code under test: outside
        // jest the same inputs take 20 ms with 500 MB of other live objects on the heap).
        if (ms > FACTOR * base + FLOOR_MS) ms = Math.min(ms, await run());
        if (ms > FACTOR * base + FLOOR_MS)
          slow.push(`${shape}: ${ms.toFixed(0)} ms (ordinary ${base.toFixed(0)} ms)`);
      }
      expect(slow).toEqual([]);
    },
    300_000,
  );
});
