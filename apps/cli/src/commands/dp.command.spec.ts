import { jest } from '@jest/globals';
import { Command } from 'commander';
import { registerDpCommand } from './dp.command.js';

async function runDp(args: string[]): Promise<{ stdout: string; stderr: string; error?: Error }> {
  const program = new Command('suite').exitOverride();
  registerDpCommand(program);
  for (const sub of program.commands) {
    sub.exitOverride();
    for (const leaf of sub.commands) leaf.exitOverride();
  }
  let stdout = '';
  let stderr = '';
  program.configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  for (const sub of program.commands) {
    for (const leaf of sub.commands)
      leaf.configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  }
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'suite', 'dp', ...args]);
    return { stdout, stderr };
  } catch (err) {
    return { stdout, stderr, error: err as Error };
  } finally {
    write.mockRestore();
  }
}

describe('dp command', () => {
  it('prints Opacus epsilon and order as one JSON line', async () => {
    const sut = await runDp([
      'epsilon',
      '--sample-rate',
      '0.04',
      '--noise-multiplier',
      '1.5',
      '--steps',
      '2250',
      '--delta',
      '1e-5',
      '--json',
    ]);
    expect(sut.error).toBeUndefined();
    const result = JSON.parse(sut.stdout.trim().split('\n').at(-1) ?? '') as {
      epsilon: number;
      order: number;
    };
    expect(result.epsilon).toBeCloseTo(7.32911117143, 9);
    expect(result.order).toBe(3.9);
  });

  it('prints the noise multiplier found by the Opacus search', async () => {
    const sut = await runDp([
      'noise',
      '--target-epsilon',
      '8',
      '--sample-rate',
      '0.04',
      '--steps',
      '2250',
      '--delta',
      '1e-5',
      '--json',
    ]);
    expect(JSON.parse(sut.stdout.trim())).toEqual({ noiseMultiplier: 1.416015625 });
  });

  it('rejects a sample rate above 1, naming the flag', async () => {
    const sut = await runDp([
      'epsilon',
      '--sample-rate',
      '1.5',
      '--noise-multiplier',
      '1',
      '--steps',
      '10',
      '--delta',
      '1e-5',
    ]);
    expect(sut.error).toBeDefined();
    expect(sut.stderr).toContain('--sample-rate');
  });

  it('rejects a fractional step count, naming the flag', async () => {
    const sut = await runDp([
      'noise',
      '--target-epsilon',
      '1',
      '--sample-rate',
      '0.1',
      '--steps',
      '2.5',
      '--delta',
      '1e-5',
    ]);
    expect(sut.stderr).toContain('--steps');
  });

  it('rejects a missing delta, naming the flag', async () => {
    const sut = await runDp(['epsilon', '--sample-rate', '0.1', '--noise-multiplier', '1', '--steps', '10']);
    expect(sut.stderr).toContain('--delta');
  });
});
