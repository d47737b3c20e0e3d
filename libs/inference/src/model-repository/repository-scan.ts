// Read-only view of a model repository in Triton's layout (models/<name>/<version>/model.onnx +
// model.json), for the operator commands: list models, export Triton configs, pick a version to
// quantize. Loading, warm-up and promotion belong to the registry; this only reads files.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCard } from '../registry/model-card.js';

export interface ScannedVersion {
  version: string;
  dir: string;
  card?: ModelCard;
  /** Why the card could not be read, when it could not. */
  cardError?: string;
  /** Whether model.onnx exists and its sha256 equals the card's; undefined when there is no card. */
  sha256Ok?: boolean;
}

export interface ScannedModel {
  name: string;
  dir: string;
  /** Ordered oldest to newest: numeric versions by value, then the others by name. */
  versions: ScannedVersion[];
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function compareVersions(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function cardProblem(card: Partial<ModelCard>, name: string, version: string): string | undefined {
  if (card.name !== name) return `card name "${String(card.name)}" is not the folder name "${name}"`;
  if (card.version !== version)
    return `card version "${String(card.version)}" is not the folder name "${version}"`;
  if (typeof card.sha256 !== 'string') return 'card has no sha256';
  if (!Array.isArray(card.inputs) || !Array.isArray(card.outputs)) return 'card has no inputs/outputs';
  return undefined;
}

export async function readModelCard(dir: string, name: string, version: string): Promise<ModelCard> {
  const card = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Partial<ModelCard>;
  const problem = cardProblem(card, name, version);
  if (problem) throw new Error(problem);
  return card as ModelCard;
}

async function scanVersion(
  modelDir: string,
  name: string,
  version: string,
  verify: boolean,
): Promise<ScannedVersion> {
  const dir = join(modelDir, version);
  const scanned: ScannedVersion = { version, dir };
  try {
    scanned.card = await readModelCard(dir, name, version);
  } catch (err) {
    scanned.cardError = (err as Error).message;
    return scanned;
  }
  if (verify) {
    try {
      scanned.sha256Ok = (await sha256OfFile(join(dir, 'model.onnx'))) === scanned.card.sha256;
    } catch {
      scanned.sha256Ok = false;
    }
  }
  return scanned;
}

async function subdirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Dot-folders are work in progress (a version being written) and never part of the repository.
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
}

export async function scanModel(
  modelsDir: string,
  name: string,
  options: { verify?: boolean } = {},
): Promise<ScannedModel> {
  const dir = join(modelsDir, name);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new Error(`no model folder ${dir}`);
  const versions = (await subdirectories(dir)).sort(compareVersions);
  return {
    name,
    dir,
    versions: await Promise.all(versions.map((v) => scanVersion(dir, name, v, options.verify ?? true))),
  };
}

export async function scanRepository(
  modelsDir: string,
  options: { verify?: boolean } = {},
): Promise<ScannedModel[]> {
  const names = (await subdirectories(modelsDir)).sort();
  return Promise.all(names.map((name) => scanModel(modelsDir, name, options)));
}

/** The newest version whose card reads; the registry's promoted version takes precedence where known. */
export function latestUsableVersion(model: ScannedModel): ScannedVersion | undefined {
  return [...model.versions].reverse().find((v) => v.card !== undefined);
}
