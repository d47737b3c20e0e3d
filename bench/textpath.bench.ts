// Adversarial text through POST /v1/documents (real AppModule: de-identification, NER, PostgreSQL in
// a scratch database), one document at a time: microseconds per character of each shape against an
// ordinary note of the same length (BC5CDR dev abstracts) measured in the same run, and the slowest
// /health/live answer while each document was in flight (probed back to back). Issue 17 item 1.
// `--shapes=a70000,wordPerLine` runs some shapes only; `--repeat=n` takes the median of n posts.
import { performance } from 'node:perf_hooks';
import { MAX_DOCUMENT_CHARS } from '../apps/medical-records/src/ingestion/source-document.js';
import { readNerCorpus } from '@suite/medical-models/training';
import type { Benchmark } from './benchmark.js';
import { startMedicalService } from './support/medical-service.js';

const log = (message: string): void => void process.stderr.write(`${message}\n`);

const fill = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// The three reproductions at their sizes, then the shapes that stress each text path at the
// size limit: repeated separators, one huge token, alternating classes, one token per character.
const SHAPES: Record<string, string> = {
  newlines3000: `Seen today.${'\n'.repeat(3000)}Stable.`,
  a70000: 'a'.repeat(70_000),
  ones40000: '1'.repeat(40_000),
  newlinesAtLimit: `Seen today.${fill('\n', MAX_DOCUMENT_CHARS)}`.slice(0, MAX_DOCUMENT_CHARS),
  oneHugeToken: fill('a', MAX_DOCUMENT_CHARS),
  wordPerLine: fill('a\n', MAX_DOCUMENT_CHARS),
  crlfLines: fill('x\r\n', MAX_DOCUMENT_CHARS),
  oneLetterWords: fill('a ', MAX_DOCUMENT_CHARS),
  punctuationRun: fill('(', MAX_DOCUMENT_CHARS),
  alternatingClasses: fill('aA1.-', MAX_DOCUMENT_CHARS),
  abbreviationDefinitions: fill('aspirin (ASA) and ASA. ', MAX_DOCUMENT_CHARS),
};

const run: Benchmark = async (args) => {
  // `--name=value`: the bench command passes unknown options through, but not a separate value.
  const option = (name: string): string | undefined =>
    args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const pick = option('shapes')?.split(',');
  const repeat = Number(option('repeat') ?? 1);
  const shapes = Object.entries(SHAPES).filter(([name]) => !pick || pick.includes(name));
  const dev = await readNerCorpus({ path: 'data/bc5cdr/devel.tsv' });
  const prose = dev.map((s) => s.text).join(' ');
  const ordinaryOf = (length: number): string => fill(prose, length);

  const service = await startMedicalService('textpath_bench');
  const { key } = service;
  try {
    const base = service.base;
    const postOnce = async (text: string): Promise<{ ms: number; slowestLiveMs: number }> => {
      let done = false;
      const started = performance.now();
      const reply = fetch(`${base}/v1/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ text, language: 'en' }),
      }).finally(() => {
        done = true;
      });
      let slowestLiveMs = 0;
      while (!done) {
        const at = performance.now();
        await (await fetch(`${base}/health/live`)).arrayBuffer();
        slowestLiveMs = Math.max(slowestLiveMs, performance.now() - at);
      }
      const res = await reply;
      if (res.status !== 201) throw new Error(`POST /v1/documents answered ${res.status}`);
      await res.arrayBuffer();
      return { ms: performance.now() - started, slowestLiveMs };
    };
    const measure = async (text: string) => {
      const runs = [];
      for (let r = 0; r < repeat; r++) runs.push(await postOnce(text));
      runs.sort((a, b) => a.ms - b.ms);
      return runs[Math.floor(runs.length / 2)];
    };
    await postOnce(ordinaryOf(2000));
    const results: Record<string, unknown> = {};
    const ordinaryCache = new Map<number, { ms: number; slowestLiveMs: number }>();
    for (const [name, text] of shapes) {
      let ordinary = ordinaryCache.get(text.length);
      if (!ordinary) {
        ordinary = await measure(ordinaryOf(text.length));
        ordinaryCache.set(text.length, ordinary);
      }
      const shape = await measure(text);
      const usPerChar = (ms: number): number => Math.round((ms * 1000 * 100) / text.length) / 100;
      results[name] = {
        chars: text.length,
        usPerChar: usPerChar(shape.ms),
        ordinaryUsPerChar: usPerChar(ordinary.ms),
        ratioToOrdinary: Math.round((shape.ms / ordinary.ms) * 100) / 100,
        documentMs: Math.round(shape.ms),
        slowestLiveMs: Math.round(shape.slowestLiveMs),
      };
      log(`${name}: ${JSON.stringify(results[name])}`);
    }
    return {
      through: 'POST /v1/documents (de-identification, NER, PostgreSQL), one document at a time',
      ordinary: 'BC5CDR dev abstracts, cut to the same length',
      repeat,
      shapes: results,
    };
  } finally {
    await service.close();
  }
};

export default run;
