// Writes a NER model version in Triton's layout: <root>/<name>/<version>/model.onnx + model.json,
// with the file's sha256 on the card. Staged in a dot-folder and renamed, so the registry never
// reads a half-written version. (libs/inference does the same in its writer, not yet public.)
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCardDraft } from '@suite/onnx';
import type { NerModelCard, NerModelSpec } from '../../ner/model/ner-model-spec.js';

export type NerModelCardDraft = Omit<ModelCardDraft, 'createdAt' | 'extra'> & {
  extra: NerModelSpec;
};

export async function writeNerModelVersion(
  root: string,
  draft: NerModelCardDraft,
  onnx: Uint8Array,
  now: () => Date = () => new Date(),
): Promise<{ dir: string; card: NerModelCard }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(draft.name) || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(draft.version))
    throw new Error(`unsafe model name or version: ${draft.name}/${draft.version}`);
  const card: NerModelCard = {
    ...draft,
    createdAt: now().toISOString(),
    file: 'model.onnx',
    sha256: createHash('sha256').update(onnx).digest('hex'),
  };
  const modelDir = join(root, draft.name);
  const dir = join(modelDir, draft.version);
  await mkdir(modelDir, { recursive: true });
  const staging = join(modelDir, `.writing-${draft.version}-${process.pid}-${Date.now()}`);
  await mkdir(staging);
  try {
    await writeFile(join(staging, 'model.onnx'), onnx);
    await writeFile(join(staging, 'model.json'), `${JSON.stringify(card, null, 2)}\n`);
    // Rebuilding a shipped version replaces it whole (the trainer is seeded: same data, same model).
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return { dir, card };
}
