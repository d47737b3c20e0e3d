// The README's configuration table is the operator's reference: every variable the schema accepts must
// have a row there, and every row must name a variable the schema knows.
import { readFileSync } from 'node:fs';
import { suiteEnvSchema as envSchema } from '../apps/cli/src/suite.config.js';

const TEST_ONLY = new Set(['TEST_DATABASE_URL']);

function configurationTable(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('## Configuration');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end);
}

describe('README configuration table', () => {
  const table = configurationTable();
  const documented = new Set(
    table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
  );
  const schemaVariables = Object.keys(envSchema.shape);

  it('documents every variable of the env schema', () => {
    expect(schemaVariables.filter((v) => !documented.has(v))).toEqual([]);
  });

  it('documents no variable the schema does not know', () => {
    expect([...documented].filter((v) => !schemaVariables.includes(v) && !TEST_ONLY.has(v))).toEqual([]);
  });
});
