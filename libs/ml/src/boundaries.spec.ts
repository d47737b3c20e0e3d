// Training must not depend on serving: libs/ml, libs/onnx and libs/medical-models import neither
// libs/inference nor app code, and libs/onnx no other lib; medical-records imports no training (nor
// does the shared part of libs/medical-models): the card plus the ONNX file are the contract.
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

describe('training/serving boundaries', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    expect(importsOf('libs/ml/src/models/tagger/dp-sgd-crf.trainer.ts')).toContain('./crf-gradient.js');
    expect(importsOf('libs/medical-models/src/ner/ner-tagger.ts')).toContain('@suite/ml');
  });

  it('libs/ml imports no serving code', () => {
    expect(offending(sources('libs/ml/src'), (s) => s === '@suite/inference' || /apps\//.test(s))).toEqual(
      [],
    );
  });

  it('libs/onnx imports no other lib and no app', () => {
    expect(offending(sources('libs/onnx/src'), (s) => s.startsWith('@suite/') || /apps\//.test(s))).toEqual(
      [],
    );
  });

  it('libs/medical-models imports no serving code, and its shared part no training', () => {
    const files = sources('libs/medical-models/src').filter((f) => !/\.(spec|e2e-spec)\.ts$/.test(f));
    expect(offending(files, (s) => s === '@suite/inference' || /apps\//.test(s))).toEqual([]);
    const shared = files.filter((f) => !f.startsWith(join('libs/medical-models/src/training')));
    expect(offending(shared, (s) => /(^|\/)training(\/|$)/.test(s))).toEqual([]);
  });

  it('medical-records imports no training (its trainers are @suite/medical-models/training)', () => {
    const serving = sources('apps/medical-records/src').filter((f) => !/\.(spec|e2e-spec)\.ts$/.test(f));
    expect(offending(serving, (s) => /(^|\/)training(\/|$)/.test(s))).toEqual([]);
  });
});
