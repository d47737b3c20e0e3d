import { InvalidArgumentError, type Command } from 'commander';
import {
  exportTritonConfigs,
  scanRepository,
  servingVersionOf,
  type TritonInstanceKind,
} from '@suite/inference';
import { loadConfig } from '@suite/platform';
import type { DataSource } from 'typeorm';
import { withDataSource } from '../cli-database.js';
import { printResult, progress } from '../output.js';
import { commandGroup } from './command-groups.js';
import { suiteEnvSchema } from '../suite.config.js';

const KINDS: Record<string, TritonInstanceKind> = { auto: 'KIND_AUTO', cpu: 'KIND_CPU', gpu: 'KIND_GPU' };

function parseKind(value: string): TritonInstanceKind {
  const kind = KINDS[value];
  if (!kind) throw new InvalidArgumentError(`must be one of ${Object.keys(KINDS).join(', ')}.`);
  return kind;
}

function parsePositiveInteger(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v <= 0) throw new InvalidArgumentError('must be a positive integer.');
  return v;
}

/**
 * Runs `work` with the database where the engine records promoted versions, when DATABASE_URL names
 * one; otherwise (no server to ask, and no reason to start the embedded one) without it, in which case
 * the newest version of each model stands in for the serving one.
 */
export async function withServingRecords<T>(work: (dataSource?: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, suiteEnvSchema);
  if (!config.DATABASE_URL) {
    progress('DATABASE_URL is unset: taking the newest version of each model as the serving one');
    return work(undefined);
  }
  return withDataSource(config, (dataSource) => work(dataSource));
}

export function registerModelsCommand(program: Command): void {
  const models = commandGroup(program, 'models');
  models
    .command('list')
    .description('List models and versions, with task and whether model.onnx matches its sha256')
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: { modelsDir: string; json?: boolean }) => {
      const scanned = await scanRepository(opts.modelsDir);
      const listed = scanned.map((m) => ({
        name: m.name,
        versions: m.versions.map((v) => ({
          version: v.version,
          ...(v.card
            ? {
                task: v.card.task,
                sha256Ok: v.sha256Ok === true,
                ...(v.card.quantization ? { quantization: v.card.quantization.mode } : {}),
              }
            : { error: v.cardError }),
        })),
      }));
      if (!opts.json) {
        for (const m of listed) {
          for (const v of m.versions) {
            const state =
              'error' in v
                ? `card unreadable: ${v.error}`
                : `${v.task}  sha256 ${v.sha256Ok ? 'ok' : 'MISMATCH'}`;
            progress(
              `${m.name}/${v.version}  ${state}${'quantization' in v ? `  int8 ${v.quantization}` : ''}`,
            );
          }
        }
      }
      printResult({ models: listed }, opts.json === true);
    });
  models
    .command('export-triton')
    .description('Write config.pbtxt per model from its card, so Triton serves the same folder')
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--instance-kind <kind>', 'auto | cpu | gpu', parseKind, 'KIND_AUTO' as TritonInstanceKind)
    .option('--instance-count <n>', 'model instances per device', parsePositiveInteger, 1)
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(
      async (opts: {
        modelsDir: string;
        instanceKind: TritonInstanceKind;
        instanceCount: number;
        json?: boolean;
      }) => {
        const written = await withServingRecords((dataSource) =>
          exportTritonConfigs(opts.modelsDir, {
            instanceKind: opts.instanceKind,
            instanceCount: opts.instanceCount,
            servingVersionOf: dataSource ? (model) => servingVersionOf(dataSource, model.name) : undefined,
          }),
        );
        for (const e of written) {
          progress(
            e.path
              ? `${e.path} (version ${e.version})${e.warning ? `: ${e.warning}` : ''}`
              : `${e.model}: skipped, ${e.skipped}`,
          );
        }
        printResult({ configs: written }, opts.json === true);
      },
    );
}
