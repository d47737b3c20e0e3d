// Proves the boundary rule in eslint.config.mjs bites: lints probe files (in memory, at paths inside each
// floor) that cross a "never" arrow and fails unless every one is reported, and unless the allowed
// probes pass. Part of `npm run check`, so a config change that silently disables the rule fails CI.
import { ESLint } from 'eslint';

const root = new URL('..', import.meta.url).pathname;
const probes = [
  // [file the import is written in, import source, must it be reported?]
  ['libs/platform/src/probe.ts', '@suite/ml', true],
  ['libs/platform/src/probe.ts', '@suite/inference', true],
  ['libs/platform/src/probe.ts', '../../../migrations/index.js', true],
  ['libs/inference/src/probe.ts', '@suite/ml', true],
  ['libs/inference/src/probe.ts', '../../../apps/risk-scoring/src/app.module.js', true],
  ['libs/ml/src/probe.ts', '@suite/inference', true],
  ['libs/ml/src/probe.ts', '../../../apps/cli/src/main.js', true],
  ['apps/risk-scoring/src/probe.ts', '../../medical-records/src/app.module.js', true],
  ['apps/medical-records/src/probe.ts', '../../cli/src/main.js', true],
  ['apps/customer-service/src/probe.ts', '../../../bench/index.js', true],
  ['apps/cli/src/probe.ts', '../../risk-scoring/src/app.module.js', true],
  ['migrations/probe.ts', '@suite/platform', true],
  ['test/probe.ts', '../libs/inference/src/engine/execution-provider.js', true],
  ['libs/ml/src/probe.ts', '../../platform/src/config/env.schema.js', true],
  ['apps/risk-scoring/src/probe.ts', '@suite/inference/testing', true],
  ['libs/ml/src/probe.ts', '@suite/inference/testing', true],
  ['bench/probe.bench.ts', './index.js', true],
  ['libs/support-models/src/probe.ts', '@suite/inference', true],
  ['libs/support-models/src/probe.ts', '../../../apps/customer-service/src/index.js', true],
  ['libs/support-models/src/intent/probe.ts', '../training/index.js', true],
  ['libs/ml/src/probe.ts', '@suite/support-models', true],
  ['libs/inference/src/probe.ts', '@suite/support-models', true],
  ['apps/customer-service/src/probe.ts', '@suite/support-models/training', true],
  [
    'apps/customer-service/src/probe.ts',
    '../../../libs/support-models/src/intent/confidence-policy.js',
    true,
  ],
  ['apps/inference-server/src/probe.ts', '../../customer-service/src/index.js', true],
  ['libs/inference/src/engine/probe.ts', '../../testing/index.js', true],
  ['libs/ml/src/probe.ts', '../testing/classifier-fixtures.testing.js', true],
  ['libs/risk-models/src/probe.ts', '@suite/inference', true],
  ['libs/risk-models/src/training/probe.ts', '../../../../apps/risk-scoring/src/app.module.js', true],
  ['libs/ml/src/probe.ts', '@suite/risk-models', true],
  ['apps/risk-scoring/src/scoring/probe.ts', '@suite/risk-models/training', true],
  ['apps/risk-scoring/src/probe.ts', '../../../libs/risk-models/src/training/risk-model-training.js', true],
  ['apps/customer-service/src/retraining/probe.ts', '@suite/risk-models/training', true],
  ['libs/medical-models/src/probe.ts', '@suite/inference', true],
  ['libs/medical-models/src/training/probe.ts', '@suite/inference', true],
  ['libs/medical-models/src/training/probe.ts', '../../../../apps/medical-records/src/index.js', true],
  ['libs/medical-models/src/ner/probe.ts', '../training/index.js', true],
  ['apps/medical-records/src/probe.ts', '@suite/medical-models/training', true],
  ['apps/medical-records/src/probe.ts', '../../../libs/medical-models/src/ner/ner-tagger.js', true],
  // allowed: a floor above imports a floor below through its entry point; a service imports itself.
  ['libs/inference/src/probe.ts', '@suite/platform', false],
  ['libs/ml/src/probe.ts', '@suite/platform', false],
  ['apps/risk-scoring/src/probe.ts', '@suite/inference', false],
  ['apps/risk-scoring/src/probe.ts', './app.module.js', false],
  ['libs/inference/src/probe.ts', './engine/execution-provider.js', false],
  ['apps/cli/src/probe.ts', '../../risk-scoring/src/index.js', false],
  ['apps/risk-scoring/src/probe.spec.ts', '@suite/inference/testing', false],
  ['bench/probe.ts', '@suite/inference/testing', false],
  ['bench/probe.bench.ts', './benchmark.js', false],
  ['libs/support-models/src/probe.ts', '@suite/ml', false],
  ['libs/support-models/src/training/probe.ts', '../intent/confidence-policy.js', false],
  ['libs/support-models/src/intent/probe.spec.ts', '../training/index.js', false],
  ['apps/customer-service/src/probe.ts', '@suite/support-models', false],
  ['apps/customer-service/src/probe.spec.ts', '@suite/support-models/training', false],
  ['apps/customer-service/test/probe.ts', '@suite/support-models/training', false],
  ['apps/cli/src/probe.ts', '@suite/support-models/training', false],
  ['bench/probe.ts', '@suite/support-models/training', false],
  ['apps/inference-server/src/probe.ts', '@suite/inference', false],
  ['libs/inference/src/engine/probe.spec.ts', '../../testing/index.js', false],
  ['libs/ml/src/models/probe.spec.ts', '../../testing/gradient-check.testing.js', false],
  ['libs/inference/testing/probe.ts', '../src/engine/tensor.js', false],
  ['apps/risk-scoring/src/scoring/probe.ts', '@suite/risk-models', false],
  ['apps/risk-scoring/src/retraining/probe.ts', '@suite/risk-models/training', false],
  ['apps/risk-scoring/src/scoring/probe.spec.ts', '@suite/risk-models/training', false],
  ['apps/cli/src/probe.ts', '@suite/risk-models/training', false],
  ['bench/probe.ts', '@suite/risk-models/training', false],
  ['libs/risk-models/src/training/probe.ts', '@suite/ml', false],
  ['apps/medical-records/src/probe.ts', '@suite/medical-models', false],
  ['apps/medical-records/src/probe.spec.ts', '@suite/medical-models/training', false],
  ['apps/cli/src/probe.ts', '@suite/medical-models/training', false],
  ['bench/probe.bench.ts', '@suite/medical-models/training', false],
  ['libs/medical-models/src/training/probe.ts', '@suite/ml', false],
  ['libs/medical-models/src/training/probe.ts', '../ner/ner-tagger.js', false],
  [
    'libs/medical-models/src/training/ner/probe.spec.ts',
    '../../../../../test/support/medical-served-models.js',
    false,
  ],
];

// Only the boundary rule, and no type information (the probes are not files the TypeScript project knows).
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'boundaries/dependencies',
  overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } } },
});
const failures = [];
for (const [file, source, mustFail] of probes) {
  const [result] = await eslint.lintText(`export * from '${source}';\n`, { filePath: `${root}${file}` });
  const reported = result.messages.some((m) => m.ruleId === 'boundaries/dependencies');
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) failures.push(`${file} -> ${source}: ${fatal.message}`);
  else if (reported !== mustFail)
    failures.push(
      `${file} -> ${source}: ${mustFail ? 'not reported' : 'reported'} (${mustFail ? 'must be' : 'allowed'})`,
    );
}
if (failures.length > 0) {
  console.error(`boundary rule self-check failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.error(`boundary rule self-check: ${probes.length} probes as expected`);
