// Triton Inference Server model configuration (config.pbtxt, protobuf text format) generated from a
// model card, so that the models/ folder is also a Triton model repository, unchanged.
// Spec: https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/user_guide/model_configuration.html
import type { TensorSpec } from '../engine/inference-backend.js';
import type { TensorDtype } from '../engine/tensor.js';
import type { ModelCard } from '../registry/model-card.js';

export type TritonInstanceKind = 'KIND_AUTO' | 'KIND_CPU' | 'KIND_GPU';

export interface TritonConfigOptions {
  /** The version Triton serves (folder name); Triton only loads numerically named version folders. */
  servingVersion?: string;
  instanceKind?: TritonInstanceKind;
  instanceCount?: number;
}

const TRITON_TYPE: Record<TensorDtype, string> = {
  float32: 'TYPE_FP32',
  float64: 'TYPE_FP64',
  int64: 'TYPE_INT64',
  int32: 'TYPE_INT32',
  int8: 'TYPE_INT8',
  uint8: 'TYPE_UINT8',
  bool: 'TYPE_BOOL',
  string: 'TYPE_STRING',
};

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A model batches in Triton's sense when every input and output has a dynamic first dimension. */
export function maxBatchSizeOf(card: ModelCard): number {
  const batchable = [...card.inputs, ...card.outputs].every((t) => t.shape.length > 0 && t.shape[0] === -1);
  return batchable ? (card.batching?.maxBatchSize ?? 0) : 0;
}

function tensorBlock(t: TensorSpec, batched: boolean): string {
  // With max_batch_size > 0 Triton adds the batch dimension itself; a tensor that is only the batch
  // dimension is declared as [1] and reshaped to [] (Triton's documented idiom).
  const dims = batched ? t.shape.slice(1) : t.shape;
  const lines = [`    name: ${quote(t.name)}`, `    data_type: ${TRITON_TYPE[t.dtype]}`];
  if (dims.length === 0) {
    lines.push('    dims: [ 1 ]', '    reshape: { shape: [ ] }');
  } else {
    lines.push(`    dims: [ ${dims.join(', ')} ]`);
  }
  return `  {\n${lines.join('\n')}\n  }`;
}

export function renderTritonConfig(card: ModelCard, options: TritonConfigOptions = {}): string {
  const maxBatch = maxBatchSizeOf(card);
  const batched = maxBatch > 0;
  const version = options.servingVersion ?? card.version;
  const out = [
    `# Generated from models/${card.name}/${card.version}/model.json by \`suite models export-triton\`; do not edit.`,
    `name: ${quote(card.name)}`,
    'platform: "onnxruntime_onnx"',
    `max_batch_size: ${maxBatch}`,
    /^[1-9][0-9]*$/.test(version)
      ? `version_policy: { specific: { versions: [ ${version} ] } }`
      : 'version_policy: { latest: { num_versions: 1 } }',
    `input [\n${card.inputs.map((t) => tensorBlock(t, batched)).join(',\n')}\n]`,
    `output [\n${card.outputs.map((t) => tensorBlock(t, batched)).join(',\n')}\n]`,
  ];
  if (batched && card.batching) {
    out.push(
      [
        'dynamic_batching {',
        `  max_queue_delay_microseconds: ${card.batching.maxQueueDelayMicros}`,
        '  default_queue_policy {',
        `    max_queue_size: ${card.batching.maxQueueSize}`,
        '  }',
        '}',
      ].join('\n'),
    );
  }
  out.push(
    [
      'instance_group [',
      '  {',
      `    count: ${options.instanceCount ?? 1}`,
      `    kind: ${options.instanceKind ?? 'KIND_AUTO'}`,
      '  }',
      ']',
    ].join('\n'),
  );
  return `${out.join('\n')}\n`;
}
