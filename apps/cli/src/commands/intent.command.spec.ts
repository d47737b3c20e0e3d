import { jest } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parseCsv } from '@suite/ml';
import { registerIntentCommand } from './intent.command.js';

// `eval intent` against the shipped model in models/, on a small Banking77-format file: no database.
const CSV = [
  'text,category',
  'My new card still has not arrived,card_arrival',
  '"How can I change my PIN, please?",change_pin',
  'asdf qwerty zxcv,exchange_rate',
  'hello,card_arrival',
].join('\n');

async function runEval(args: string[]): Promise<Record<string, unknown>> {
  const program = new Command('suite').exitOverride();
  registerIntentCommand(program);
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const progress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'suite', 'eval', 'intent', ...args, '--json']);
  } finally {
    write.mockRestore();
    progress.mockRestore();
  }
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

describe('eval intent', () => {
  let dir: string;
  let data: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-intent-'));
    data = join(dir, 'sample.csv');
    await writeFile(data, CSV);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints accuracy, macro-F1, n and the stage reports, and writes predictions in input order', async () => {
    const predictions = join(dir, 'predictions.csv');
    const sut = await runEval(['--data', data, '--predictions', predictions]);
    expect(sut).toMatchObject({ model: 'intent-banking77', n: 4, accuracy: 0.5 });
    expect(typeof sut.macroF1).toBe('number');
    // "hello" is answered by the greeting rule (wrong intent for this file), gibberish goes to a person.
    expect(sut.stage1).toMatchObject({ n: 4, handedOff: 1, byRule: { answered: 1, correct: 0 } });
    const rows = parseCsv(await readFile(predictions, 'utf8'));
    expect(rows[0]).toEqual(['text', 'category']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'My new card still has not arrived',
      'How can I change my PIN, please?',
      'asdf qwerty zxcv',
      'hello',
    ]);
    expect(rows[1][1]).toBe('card_arrival');
    expect(rows[2][1]).toBe('change_pin');
  });
});
