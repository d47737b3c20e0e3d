// Writes one model version in Triton's layout, <root>/<name>/<version>/model.onnx + model.json, with
// the file's sha256 in the card. Trainers call it after export. Written in a dot-folder and renamed,
// so a reader (the registry, Triton) never sees a half-written version.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCardDraft, WrittenModelVersion } from '@suite/onnx';
import type { ModelCard } from './model-card.js';

export type { ModelCardDraft, WrittenModelVersion };

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function writeModelVersion(
  root: string,
  draft: ModelCardDraft,
  onnxBytes: Uint8Array,
  options: { overwrite?: boolean; now?: () => Date } = {},
): Promise<WrittenModelVersion> {
  for (const [what, value] of [
    ['name', draft.name],
    ['version', draft.version],
  ])
    if (!SAFE_NAME.test(value)) throw new Error(`model ${what} "${value}" is not a safe folder name`);
  const card: ModelCard = {
    ...draft,
    createdAt: draft.createdAt ?? (options.now?.() ?? new Date()).toISOString(),
    file: 'model.onnx',
    sha256: sha256Hex(onnxBytes),
  };
  const modelDir = join(root, draft.name);
  const dir = join(modelDir, draft.version);
  const exists = await stat(dir).then(
    () => true,
    () => false,
  );
  // Versions are immutable once written: a new model is a new version.
  if (exists && !options.overwrite) throw new Error(`${dir} already exists`);
  await mkdir(modelDir, { recursive: true });
  const staging = join(modelDir, `.writing-${draft.version}-${process.pid}-${Date.now()}`);
  await mkdir(staging);
  try {
    await writeFile(join(staging, 'model.onnx'), onnxBytes);
    await writeFile(join(staging, 'model.json'), `${JSON.stringify(card, null, 2)}\n`);
    if (exists) await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return { dir, card };
}
