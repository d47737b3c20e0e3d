// Training must not depend on serving: libs/ml and libs/onnx import neither libs/inference nor app
// code, and libs/onnx no other lib; in medical-records, serving code (everything outside the
// training folders) imports no training folder: the card plus the ONNX file are the contract.
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

  it('medical-records serving code imports no training folder', () => {
    // src/index.ts is the service's entry for the CLI (train and eval commands), not imported by the
    // service itself (the boundary lint rule keeps it so), so it may name the trainers.
    const serving = sources('apps/medical-records/src').filter(
      (f) =>
        !/\/training\//.test(f) &&
        !/\.(spec|e2e-spec)\.ts$/.test(f) &&
        f !== 'apps/medical-records/src/index.ts',
    );
    expect(offending(serving, (s) => /(^|\/)training\//.test(s))).toEqual([]);
  });
});
