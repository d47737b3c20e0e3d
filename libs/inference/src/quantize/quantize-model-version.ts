// `suite quantize`: reads one version of a model from the repository, writes its int8 twin as a NEW
// version (model.onnx + card with the quantization and its measured agreement), and reports.
// The new version is not promoted: an operator promotes it after reading the report.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { NamedTensors } from '../engine/tensor.js';
import type { ModelCard } from '../registry/model-card.js';
import { type ModelCardDraft, sha256Hex, writeModelVersion } from '../registry/model-version-writer.js';
import { PostgresServingVersionStore } from '../registry/serving-version.store.js';
import { type ScannedModel, type ScannedVersion, scanModel } from '../model-repository/repository-scan.js';
import { DEFAULT_BLOCK_SIZE, type QuantizationMode, quantizeOnnxModel } from './model-quantizer.js';
import { measureQuantization, type QuantizationReport } from './quantization-report.js';
import { sampleInputsFor } from './sample-inputs.js';

export interface QuantizeVersionOptions {
  modelsDir: string;
  name: string;
  mode: QuantizationMode;
  blockSize?: number;
  /** Version to quantize; default: the one serving (recorded in `dataSource`), else the newest. */
  sourceVersion?: string;
  /** Where the engine records promotions (inference.model_serving); without it, the newest version. */
  dataSource?: DataSource;
  /** Sample to compare on; default: seeded random inputs of `sampleRows` rows. */
  sample?: NamedTensors;
  labels?: number[];
  sampleRows?: number;
  seed?: number;
  runs?: number;
  now?: () => Date;
}

export interface QuantizeVersionResult {
  model: string;
  sourceVersion: string;
  version: string;
  path: string;
  mode: QuantizationMode;
  blockSize?: number;
  weightOnlyOperator?: string;
  quantizedWeights: number;
  skippedWeights: { node: string; reason: string }[];
  sha256: string;
  report: QuantizationReport;
}

/** The promoted version, when the database has one (the table exists once the inference migration ran). */
export async function servingVersionOf(dataSource: DataSource, model: string): Promise<string | undefined> {
  try {
    return (await new PostgresServingVersionStore(dataSource).readServing(model))?.serving;
  } catch {
    return undefined;
  }
}

/**
 * The fp32 version to start from: the one asked for; else the serving one, or the fp32 source of the
 * serving one when that is itself quantized; else the newest version that is not quantized.
 */
async function chooseSource(
  model: ScannedModel,
  options: QuantizeVersionOptions,
): Promise<ScannedVersion & { card: ModelCard }> {
  const find = (version: string | undefined) => model.versions.find((v) => v.version === version);
  let source: ScannedVersion | undefined;
  if (options.sourceVersion !== undefined) {
    source = find(options.sourceVersion);
  } else {
    const serving = options.dataSource
      ? find(await servingVersionOf(options.dataSource, model.name))
      : undefined;
    source = serving?.card?.quantization ? find(serving.card.quantization.sourceVersion) : serving;
    source ??= [...model.versions].reverse().find((v) => v.card && !v.card.quantization);
  }
  if (!source)
    throw new Error(`model ${model.name} has no version ${options.sourceVersion ?? 'to quantize'}`);
  if (!source.card) throw new Error(`models/${model.name}/${source.version}: ${source.cardError}`);
  if (source.card.quantization) {
    throw new Error(
      `models/${model.name}/${source.version} is already quantized (${source.card.quantization.mode})`,
    );
  }
  return { ...source, card: source.card };
}

function nextVersion(model: ScannedModel): string {
  const numeric = model.versions.map((v) => v.version).filter((v) => /^\d+$/.test(v));
  return String(Math.max(0, ...numeric.map(Number)) + 1);
}

export async function quantizeModelVersion(options: QuantizeVersionOptions): Promise<QuantizeVersionResult> {
  const model = await scanModel(options.modelsDir, options.name, { verify: false });
  const source = await chooseSource(model, options);
  const fp32 = new Uint8Array(await readFile(join(source.dir, 'model.onnx')));
  const sourceSha = sha256Hex(fp32);
  if (sourceSha !== source.card.sha256) {
    throw new Error(
      `models/${options.name}/${source.version}/model.onnx does not match the sha256 in its card`,
    );
  }

  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const quantized = quantizeOnnxModel(fp32, { mode: options.mode, blockSize });
  if (quantized.quantized.length === 0) throw new Error(`model ${options.name} has no weight to quantize`);
  const sample =
    options.sample ?? sampleInputsFor(fp32, { batch: options.sampleRows ?? 64, seed: options.seed ?? 0 });
  const report = await measureQuantization(fp32, quantized.bytes, {
    sample,
    labels: options.labels,
    runs: options.runs ?? 50,
  });

  const version = nextVersion(model);
  const base = source.card;
  const mode = options.mode;
  // The card of the source, minus what the writer sets (file, sha256, creation time).
  const { sha256: _sha, file: _file, createdAt: _created, ...inherited } = base;
  const draft: ModelCardDraft = {
    ...inherited,
    version,
    description: `${base.description ?? base.name} (int8 ${mode} of version ${source.version})`,
    quantization: { mode, ...(mode === 'weight-only' ? { blockSize } : {}), sourceVersion: source.version },
    // The source's evaluation metrics were measured on fp32: kept apart, beside the agreement measured here.
    metrics: {
      quantization: {
        sizeRatio: report.sizeRatio,
        latencyRatio: report.latencyRatio,
        maxAbsDiff: report.maxAbsDiff,
        decisionAgreement: Math.min(...report.outputs.map((o) => o.decisionAgreement)),
        sampleRows: report.sampleRows,
        ...(report.accuracy ? { accuracyDelta: report.accuracy.delta } : {}),
      },
      ...(base.metrics ? { source: base.metrics } : {}),
    },
    ...(base.training
      ? {
          training: {
            ...base.training,
            command: `${base.training.command} && npm run cli -- quantize --model ${base.name} --mode ${mode}${
              mode === 'weight-only' ? ` --block-size ${blockSize}` : ''
            }`,
          },
        }
      : {}),
  };

  const written = await writeModelVersion(options.modelsDir, draft, quantized.bytes, { now: options.now });
  return {
    model: options.name,
    sourceVersion: source.version,
    version,
    path: written.dir,
    mode,
    ...(mode === 'weight-only' ? { blockSize } : {}),
    weightOnlyOperator: quantized.weightOnlyOperator,
    quantizedWeights: quantized.quantized.length,
    skippedWeights: quantized.skipped.map((s) => ({ node: s.node, reason: s.reason })),
    sha256: written.card.sha256,
    report,
  };
}
