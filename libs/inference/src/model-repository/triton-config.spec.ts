import type { ModelCard } from '../registry/model-card.js';
import { maxBatchSizeOf, renderTritonConfig } from './triton-config.js';

const card: ModelCard = {
  name: 'intent',
  version: '3',
  task: 'intent',
  createdAt: '2026-01-01T00:00:00.000Z',
  file: 'model.onnx',
  sha256: 'ab'.repeat(32),
  inputs: [
    { name: 'indices', dtype: 'int64', shape: [-1, -1] },
    { name: 'values', dtype: 'float32', shape: [-1, -1] },
  ],
  outputs: [
    { name: 'probabilities', dtype: 'float32', shape: [-1, 77] },
    { name: 'label', dtype: 'int64', shape: [-1] },
  ],
  batching: { maxBatchSize: 64, maxQueueDelayMicros: 2000, maxQueueSize: 1024 },
};

describe('renderTritonConfig', () => {
  it('writes the golden config.pbtxt for a batched model card', () => {
    expect(renderTritonConfig(card, { instanceKind: 'KIND_CPU', instanceCount: 2 })).toBe(
      `# Generated from models/intent/3/model.json by \`suite models export-triton\`; do not edit.
name: "intent"
platform: "onnxruntime_onnx"
max_batch_size: 64
version_policy: { specific: { versions: [ 3 ] } }
input [
  {
    name: "indices"
    data_type: TYPE_INT64
    dims: [ -1 ]
  },
  {
    name: "values"
    data_type: TYPE_FP32
    dims: [ -1 ]
  }
]
output [
  {
    name: "probabilities"
    data_type: TYPE_FP32
    dims: [ 77 ]
  },
  {
    name: "label"
    data_type: TYPE_INT64
    dims: [ 1 ]
    reshape: { shape: [ ] }
  }
]
dynamic_batching {
  max_queue_delay_microseconds: 2000
  default_queue_policy {
    max_queue_size: 1024
  }
}
instance_group [
  {
    count: 2
    kind: KIND_CPU
  }
]
`,
    );
  });

  it('keeps full dims and no dynamic batching when the first dimension is not a batch', () => {
    const fixed: ModelCard = {
      ...card,
      version: 'v1',
      inputs: [{ name: 'image', dtype: 'uint8', shape: [1, 3, 48, 320] }],
      outputs: [{ name: 'text', dtype: 'string', shape: [1] }],
    };
    expect(maxBatchSizeOf(fixed)).toBe(0);
    const sut = renderTritonConfig(fixed);
    expect(sut).toContain('max_batch_size: 0\n');
    expect(sut).toContain('dims: [ 1, 3, 48, 320 ]');
    expect(sut).toContain('data_type: TYPE_STRING');
    expect(sut).toContain('version_policy: { latest: { num_versions: 1 } }');
    expect(sut).not.toContain('dynamic_batching');
    expect(sut).toContain('kind: KIND_AUTO');
  });

  it('escapes quotes in names', () => {
    expect(renderTritonConfig({ ...card, name: 'a"b' })).toContain('name: "a\\"b"');
  });
});
