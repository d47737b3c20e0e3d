import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Command } from 'commander';
import type { ModelCard } from '@suite/inference';
import { OnnxGraphBuilder } from '@suite/onnx';
import { registerModelsCommand } from './models.command.js';
import { registerQuantizeCommand } from './quantize.command.js';

async function runCli(args: string[]): Promise<{ stdout: string; error?: Error }> {
  const program = new Command('suite').exitOverride();
  registerQuantizeCommand(program);
  registerModelsCommand(program);
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'suite', ...args]);
    return { stdout };
  } catch (err) {
    return { stdout, error: err as Error };
  } finally {
    write.mockRestore();
    quiet.mockRestore();
  }
}

const lastJson = (stdout: string) =>
  JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;

/** x[batch, 256] -> MatMul 256x512 -> Relu -> MatMul 512x10, seeded weights. */
function writeModel(dir: string, name: string, version: string): ModelCard {
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.2;
  const b = new OnnxGraphBuilder('mlp')
    .input('x', 'float32', ['batch', 256])
    .output('y', 'float32', ['batch', 10]);
  b.initializer('W0', Float32Array.from({ length: 256 * 512 }, rnd), [256, 512]);
  b.initializer('W1', Float32Array.from({ length: 512 * 10 }, rnd), [512, 10]);
  b.node('MatMul', [b.node('Relu', [b.node('MatMul', ['x', 'W0'])]), 'W1'], ['y']);
  const bytes = b.toBytes();
  const card: ModelCard = {
    name,
    version,
    task: 'intent',
    createdAt: '2026-01-01T00:00:00.000Z',
    file: 'model.onnx',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 256] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: [-1, 10] }],
    metrics: { accuracy: 0.9 },
    training: { data: 'fixture', licence: 'CC0', command: 'npm run cli -- train fixture' },
    batching: { maxBatchSize: 32, maxQueueDelayMicros: 500, maxQueueSize: 256 },
  };
  mkdirSync(join(dir, name, version), { recursive: true });
  writeFileSync(join(dir, name, version, 'model.onnx'), bytes);
  writeFileSync(join(dir, name, version, 'model.json'), JSON.stringify(card));
  return card;
}

describe('quantize and models commands', () => {
  let modelsDir: string;

  // Without DATABASE_URL the newest version stands in for the serving one (no database is started).
  beforeAll(() => delete process.env.DATABASE_URL);

  beforeEach(() => {
    modelsDir = mkdtempSync(join(tmpdir(), 'suite-models-'));
    writeModel(modelsDir, 'intent', '1');
  });

  afterEach(() => rmSync(modelsDir, { recursive: true, force: true }));

  it('writes a new quantized version with its card and prints the report', async () => {
    const sut = await runCli([
      'quantize',
      '--model',
      'intent',
      '--mode',
      'weight-only',
      '--models-dir',
      modelsDir,
      '--runs',
      '2',
      '--json',
    ]);
    expect(sut.error).toBeUndefined();
    const result = lastJson(sut.stdout) as {
      version: string;
      sourceVersion: string;
      report: { sizeRatio: number; maxAbsDiff: number };
    };
    expect(result).toMatchObject({
      model: 'intent',
      sourceVersion: '1',
      version: '2',
      mode: 'weight-only',
      blockSize: 128,
    });
    expect(result.report.sizeRatio).toBeLessThanOrEqual(0.3);
    expect(result.report.maxAbsDiff).toBeLessThan(0.05);
    expect(readdirSync(join(modelsDir, 'intent')).sort()).toEqual(['1', '2']);
    const bytes = readFileSync(join(modelsDir, 'intent', '2', 'model.onnx'));
    const card = JSON.parse(readFileSync(join(modelsDir, 'intent', '2', 'model.json'), 'utf8')) as ModelCard;
    expect(card).toMatchObject({
      name: 'intent',
      version: '2',
      task: 'intent',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      quantization: { mode: 'weight-only', blockSize: 128, sourceVersion: '1' },
      metrics: { source: { accuracy: 0.9 }, quantization: { sizeRatio: result.report.sizeRatio } },
    });
    expect(card.training?.command).toBe(
      'npm run cli -- train fixture && npm run cli -- quantize --model intent --mode weight-only --block-size 128',
    );
  });

  it('reports accuracy delta on a labelled sample', async () => {
    const samplePath = join(modelsDir, 'sample.json');
    const data = Array.from({ length: 4 * 256 }, (_, i) => Math.sin(i));
    writeFileSync(
      samplePath,
      JSON.stringify({
        inputs: [{ name: 'x', shape: [4, 256], datatype: 'FP32', data }],
        labels: [0, 1, 2, 3],
      }),
    );
    const sut = await runCli([
      'quantize',
      '--model',
      'intent',
      '--models-dir',
      modelsDir,
      '--sample',
      samplePath,
      '--runs',
      '1',
      '--json',
    ]);
    expect(sut.error).toBeUndefined();
    const { report } = lastJson(sut.stdout) as {
      report: { sampleRows: number; accuracy: { delta: number; fp32: number } };
    };
    expect(report.sampleRows).toBe(4);
    expect(report.accuracy.delta).toBeCloseTo(0, 10); // 4 rows: int8 picks the same classes here
  });

  it('refuses a model whose file does not match its sha256', async () => {
    writeFileSync(join(modelsDir, 'intent', '1', 'model.onnx'), 'corrupt');
    const sut = await runCli(['quantize', '--model', 'intent', '--models-dir', modelsDir]);
    expect(sut.error?.message).toMatch(/does not match the sha256/);
    expect(readdirSync(join(modelsDir, 'intent'))).toEqual(['1']);
  });

  it('rejects an unknown mode', async () => {
    const sut = await runCli(['quantize', '--model', 'intent', '--mode', 'int4', '--models-dir', modelsDir]);
    expect(sut.error).toBeDefined();
  });

  it('lists versions with task and checksum state', async () => {
    writeModel(modelsDir, 'risk', '1');
    writeFileSync(join(modelsDir, 'risk', '1', 'model.onnx'), 'tampered');
    const sut = await runCli(['models', 'list', '--models-dir', modelsDir, '--json']);
    expect(lastJson(sut.stdout)).toEqual({
      models: [
        { name: 'intent', versions: [{ version: '1', task: 'intent', sha256Ok: true }] },
        { name: 'risk', versions: [{ version: '1', task: 'intent', sha256Ok: false }] },
      ],
    });
  });

  it('exports config.pbtxt for each model from its newest card', async () => {
    const sut = await runCli([
      'models',
      'export-triton',
      '--models-dir',
      modelsDir,
      '--instance-kind',
      'cpu',
      '--json',
    ]);
    expect(sut.error).toBeUndefined();
    const text = readFileSync(join(modelsDir, 'intent', 'config.pbtxt'), 'utf8');
    expect(text).toContain('name: "intent"\nplatform: "onnxruntime_onnx"\nmax_batch_size: 32\n');
    expect(text).toContain('dims: [ 256 ]');
    expect(text).toContain('max_queue_delay_microseconds: 500');
    expect(text).toContain('kind: KIND_CPU');
  });
});
