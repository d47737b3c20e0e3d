// Training must not depend on serving, checked on the files as they are (eslint.config.mjs enforces the
// same on every import as it is written; this is the second, independent look): libs/ml, libs/onnx and
// every per-domain package (libs/<domain>-models) import neither libs/inference nor app code, libs/onnx
// no other lib; a package's shared part imports no training; a service's production code imports no
// training entry, except risk-scoring's in-process weekly retraining (the one documented exception).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const isSpec = (f: string) => /\.(spec|e2e-spec)\.ts$/.test(f);

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

const servingOrApp = (s: string) => s.startsWith('@suite/inference') || /apps\//.test(s);
const training = (s: string) => /(^|\/)training(\/|$)/.test(s);
const domainPackages = readdirSync(join(root, 'libs')).filter((d) => d.endsWith('-models'));
const services = ['risk-scoring', 'medical-records', 'customer-service', 'inference-server'];

describe('training/serving boundaries', () => {
  it('finds the imports and packages it checks (the scan itself works)', () => {
    expect(importsOf('libs/ml/src/models/tagger/dp-sgd-crf.trainer.ts')).toContain('./crf-gradient.js');
    expect(importsOf('libs/medical-models/src/ner/ner-tagger.ts')).toContain('@suite/ml');
    expect(importsOf('apps/risk-scoring/src/retraining/champion-challenger.ts')).toContain(
      '@suite/risk-models/training',
    );
    expect(domainPackages.sort()).toEqual(['medical-models', 'risk-models', 'support-models']);
  });

  it('libs/ml imports no serving code', () => {
    expect(offending(sources('libs/ml/src'), servingOrApp)).toEqual([]);
  });

  it('libs/onnx imports no other lib and no app', () => {
    expect(offending(sources('libs/onnx/src'), (s) => s.startsWith('@suite/') || /apps\//.test(s))).toEqual(
      [],
    );
  });

  it.each(domainPackages)('libs/%s imports no serving code, and its shared part no training', (pkg) => {
    const files = sources(`libs/${pkg}/src`).filter((f) => !isSpec(f));
    expect(offending(files, servingOrApp)).toEqual([]);
    const shared = files.filter((f) => !f.startsWith(join(`libs/${pkg}/src/training`)));
    expect(offending(shared, training)).toEqual([]);
  });

  it.each(services)('%s production code imports no training entry', (app) => {
    const production = sources(`apps/${app}/src`).filter(
      (f) => !isSpec(f) && !f.startsWith('apps/risk-scoring/src/retraining/'),
    );
    expect(
      offending(production, (s) => /-models\/training$/.test(s) || /-models\/src\/training/.test(s)),
    ).toEqual([]);
  });
});
