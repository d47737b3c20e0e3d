import { jest } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { readIobFile } from '@suite/ml';
import { registerNerCommand } from './ner.command.js';

// `eval ner` against the shipped models in models/, on a small IOB file: no database involved.
const IOB = [
  'Cocaine\tB-Chemical',
  '-\tO',
  'induced\tO',
  'seizures\tB-Disease',
  'in\tO',
  'rats\tO',
  '.\tO',
  '',
  'Lithium\tB-Chemical',
  'toxicity\tO',
  'caused\tO',
  'renal\tB-Disease',
  'failure\tI-Disease',
  '.\tO',
  '',
].join('\n');

async function runEval(args: string[]): Promise<Record<string, unknown>> {
  const program = new Command('suite').exitOverride();
  registerNerCommand(program);
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const progress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'suite', 'eval', 'ner', ...args, '--json']);
  } finally {
    write.mockRestore();
    progress.mockRestore();
  }
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

describe('eval ner', () => {
  let dir: string;
  let data: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-ner-'));
    data = join(dir, 'sample.tsv');
    await writeFile(data, IOB);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints conlleval scores as JSON and writes predictions over the input tokens', async () => {
    const predictions = join(dir, 'predictions.tsv');
    const sut = await runEval(['--model', 'bc5cdr', '--data', data, '--predictions', predictions]);
    expect(sut).toMatchObject({ model: 'bc5cdr', n: 2 });
    for (const field of ['f1', 'precision', 'recall']) expect(sut[field]).toEqual(expect.any(Number));
    expect(Object.keys(sut.perType as object).sort()).toEqual(['Chemical', 'Disease']);
    expect(sut.privacy).toBeUndefined();
    const written = await readIobFile({ text: await readFile(predictions, 'utf8') });
    const gold = await readIobFile({ text: IOB });
    expect(written.map((s) => s.tokens)).toEqual(gold.map((s) => s.tokens));
    expect(written[0].tags[0]).toBe('B-Chemical');
  });

  it('carries the privacy budget of a DP model from its card', async () => {
    const sut = await runEval(['--model', 'bc5cdr-dp', '--data', data]);
    expect(sut.privacy).toEqual({
      epsilon: expect.any(Number),
      delta: 1e-5,
      noiseMultiplier: expect.any(Number),
    });
    expect((sut.privacy as { epsilon: number }).epsilon).toBeLessThanOrEqual(8);
  });
});
