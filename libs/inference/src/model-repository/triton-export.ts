// Writes models/<name>/config.pbtxt for every model of a repository, so that Triton serves the same
// folder unchanged (it reads config.pbtxt beside the numbered version folders).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { latestUsableVersion, type ScannedModel, scanRepository } from './repository-scan.js';
import { renderTritonConfig, type TritonConfigOptions } from './triton-config.js';

export interface TritonExportOptions extends Omit<TritonConfigOptions, 'servingVersion'> {
  /** The version each model serves; defaults to the newest version with a readable card. */
  servingVersionOf?: (model: ScannedModel) => Promise<string | undefined> | string | undefined;
}

export interface TritonExportEntry {
  model: string;
  version?: string;
  path?: string;
  skipped?: string;
  warning?: string;
}

export async function exportTritonConfigs(
  modelsDir: string,
  options: TritonExportOptions = {},
): Promise<TritonExportEntry[]> {
  const models = await scanRepository(modelsDir, { verify: false });
  const entries: TritonExportEntry[] = [];
  for (const model of models) {
    const wanted = (await options.servingVersionOf?.(model)) ?? latestUsableVersion(model)?.version;
    const version = model.versions.find((v) => v.version === wanted);
    if (!version?.card) {
      entries.push({
        model: model.name,
        skipped: version?.cardError ?? 'no version with a readable model.json',
      });
      continue;
    }
    const path = join(model.dir, 'config.pbtxt');
    await writeFile(path, renderTritonConfig(version.card, { ...options, servingVersion: version.version }));
    const numeric = /^[1-9][0-9]*$/.test(version.version);
    entries.push({
      model: model.name,
      version: version.version,
      path,
      ...(numeric
        ? {}
        : { warning: `Triton loads numbered version folders only; "${version.version}" is not one` }),
    });
  }
  return entries;
}
