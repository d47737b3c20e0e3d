// Version folders of the model repository (Triton layout): numeric versions compare as numbers.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const compareModelVersions = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true });

/** The newest version folder of a model; throws naming the model when it has none. */
export async function newestModelVersion(modelsDir: string, name: string): Promise<string> {
  const entries = await readdir(join(modelsDir, name), { withFileTypes: true }).catch(() => []);
  const versions = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  if (versions.length === 0) throw new Error(`no versions of model "${name}" in ${modelsDir}`);
  return versions.sort(compareModelVersions).at(-1) as string;
}
