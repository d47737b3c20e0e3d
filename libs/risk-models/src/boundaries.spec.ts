// The risk model's package trains and describes models but never loads one: libs/risk-models imports
// neither libs/inference nor app code, and risk-scoring imports its training entry only from the
// in-process weekly retraining (the one documented exception; eslint.config.mjs enforces the same on
// every import, this checks the files as they are).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
}

function offending(files: readonly string[], forbidden: (specifier: string) => boolean): string[] {
  return files.flatMap((f) =>
    importsOf(f)
      .filter(forbidden)
      .map((s) => `${f} -> ${s}`),
  );
}

describe('libs/risk-models boundaries', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    expect(importsOf('libs/risk-models/src/training/scorecard-student.ts')).toContain('@suite/ml');
    expect(importsOf('apps/risk-scoring/src/retraining/champion-challenger.ts')).toContain(
      '@suite/risk-models/training',
    );
  });

  it('imports neither libs/inference nor any app', () => {
    expect(
      offending(sources('libs/risk-models/src'), (s) => s.startsWith('@suite/inference') || /apps\//.test(s)),
    ).toEqual([]);
  });

  it("risk-scoring's production code imports the training entry only from src/retraining", () => {
    const production = sources('apps/risk-scoring/src').filter(
      (f) => !/\.(spec|e2e-spec)\.ts$/.test(f) && !f.startsWith('apps/risk-scoring/src/retraining/'),
    );
    expect(
      offending(production, (s) => s === '@suite/risk-models/training' || /risk-models\/src/.test(s)),
    ).toEqual([]);
  });
});
