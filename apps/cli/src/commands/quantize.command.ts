import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { decodeV2Tensors, type NamedTensors, quantizeModelVersion } from '@suite/inference';
import type { DataSource } from 'typeorm';
import { printResult, progress } from '../output.js';
import { withServingRecords } from './models.command.js';

// int8 quantization of a model in the repository (issue 3, item 5): writes a new version beside the
// source and prints size, latency and agreement; promoting it is a separate, deliberate step.

const MODES = ['dynamic', 'weight-only'] as const;
type Mode = (typeof MODES)[number];

function parseMode(value: string): Mode {
  if (!(MODES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${MODES.join(', ')}.`);
  return value as Mode;
}

function parsePositiveInteger(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v <= 0) throw new InvalidArgumentError('must be a positive integer.');
  return v;
}

/** A sample file is a KServe v2 inference request body, plus optional class labels per row. */
async function readSample(path: string): Promise<{ sample: NamedTensors; labels?: number[] }> {
  const body = JSON.parse(await readFile(path, 'utf8')) as { inputs?: unknown; labels?: unknown };
  const sample = decodeV2Tensors(body.inputs, 'inputs');
  if (body.labels === undefined) return { sample };
  if (!Array.isArray(body.labels) || !body.labels.every((l) => Number.isInteger(l))) {
    throw new Error(`${path}: labels must be an array of class indices`);
  }
  return { sample, labels: body.labels as number[] };
}

export function registerQuantizeCommand(program: Command): void {
  program
    .command('quantize')
    .description('Quantize a model to int8 as a new version and report size, latency and agreement')
    .requiredOption('--model <name>', 'model name (folder under --models-dir)')
    .option('--mode <mode>', `${MODES.join(' | ')}`, parseMode, 'dynamic' as Mode)
    .option('--block-size <n>', 'weight-only: elements of K per scale', parsePositiveInteger, 128)
    .option(
      '--version <v>',
      'version to quantize (default: the serving one if DATABASE_URL is set, else the newest)',
    )
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--sample <file>', 'JSON file: v2 request body {inputs, labels?} to compare outputs on')
    .option('--runs <n>', 'timed runs per model for the latency ratio', parsePositiveInteger, 50)
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(
      async (opts: {
        model: string;
        mode: Mode;
        blockSize: number;
        version?: string;
        modelsDir: string;
        sample?: string;
        runs: number;
        json?: boolean;
      }) => {
        const given = opts.sample ? await readSample(opts.sample) : undefined;
        progress(`quantizing ${opts.model} (${opts.mode}) in ${opts.modelsDir}`);
        const quantize = (dataSource?: DataSource) =>
          quantizeModelVersion({
            modelsDir: opts.modelsDir,
            name: opts.model,
            mode: opts.mode,
            blockSize: opts.blockSize,
            sourceVersion: opts.version,
            dataSource,
            sample: given?.sample,
            labels: given?.labels,
            runs: opts.runs,
          });
        // An explicit --version needs no database.
        const result = opts.version ? await quantize() : await withServingRecords(quantize);
        const r = result.report;
        progress(
          `wrote ${result.path}: size ${(r.sizeRatio * 100).toFixed(1)} % of fp32, latency x${r.latencyRatio.toFixed(2)}, ` +
            `max |diff| ${r.maxAbsDiff.toPrecision(3)}${r.accuracy ? `, accuracy delta ${r.accuracy.delta.toFixed(4)}` : ''} (not promoted)`,
        );
        printResult(result, opts.json === true);
      },
    );
}
