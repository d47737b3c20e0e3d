import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// The whiteboard's "never" arrows (docs/ARCHITECTURE.md), checked on every import by eslint-plugin-boundaries
// (resolved through tsconfig.json's paths, so `@suite/<lib>` and `.js` specifiers of `.ts` files count).
const lib = (name) => ({ to: { element: { type: 'lib', captured: { lib: name } } } });
const boundaryPolicies = [
  // libs never import apps (nor the CLI, the benches or the test harness).
  {
    from: { element: { type: 'lib' } },
    disallow: { to: { element: { types: ['app', 'cli', 'bench', 'test'] } } },
  },
  // libs/platform is the ground floor: it imports no other lib, and no service's migrations.
  {
    from: { element: { type: 'lib', captured: { lib: 'platform' } } },
    disallow: [lib('inference'), lib('ml'), lib('onnx'), { to: { element: { type: 'migrations' } } }],
  },
  // Serving never depends on training.
  { from: { element: { type: 'lib', captured: { lib: 'inference' } } }, disallow: [lib('ml')] },
  // Training never depends on serving; both build and read ONNX through libs/onnx, which imports no lib.
  { from: { element: { type: 'lib', captured: { lib: 'ml' } } }, disallow: [lib('inference')] },
  {
    from: { element: { type: 'lib', captured: { lib: 'onnx' } } },
    disallow: [lib('platform'), lib('inference'), lib('ml')],
  },
  // Per-domain packages (libs/<domain>-models: `@suite/<domain>-models`, the model's input contract that
  // serving and training share; `@suite/<domain>-models/training`, its training) build on libs/ml,
  // libs/onnx and libs/platform: they describe and build models but never load one (no libs/inference),
  // and no floor below imports them.
  { from: { element: { type: 'lib', captured: { lib: '*-models' } } }, disallow: [lib('inference')] },
  {
    from: { element: { type: 'lib', captured: { lib: '{platform,inference,ml,onnx}' } } },
    disallow: [lib('*-models')],
  },
  // A service never imports another service, nor the CLI, the benches or the test harness.
  {
    from: { element: { type: 'app' } },
    disallow: [
      { to: { element: { type: 'app', captured: { app: '!{{ from.captured.app }}' } } } },
      { to: { element: { types: ['cli', 'bench', 'test'] } } },
    ],
  },
  // The CLI reaches a service only through its entry point (apps/<service>/src/index.ts).
  {
    from: { element: { type: 'cli' } },
    disallow: { to: { element: { type: 'app', fileInternalPath: '!src/index.ts' } } },
  },
  // A benchmark never imports the bench registry (bench/index.ts imports every benchmark: a cycle).
  {
    from: { element: { type: 'bench' } },
    disallow: { to: { element: { type: 'bench', fileInternalPath: 'index.ts' } } },
  },
  // Migrations are schema only.
  {
    from: { element: { type: 'migrations' } },
    disallow: { to: { element: { types: ['lib', 'app', 'cli', 'bench', 'test'] } } },
  },
  // Outside a lib, only its entry points (src/index.ts; a training package's src/training/index.ts;
  // the testing entry) are imported.
  {
    from: { element: { types: ['app', 'cli', 'bench', 'test', 'migrations'] } },
    disallow: {
      to: { element: { type: 'lib', fileInternalPath: '!{src/index,src/training/index,testing/index}.ts' } },
    },
  },
  {
    from: { element: { type: 'lib' } },
    disallow: {
      to: {
        element: {
          type: 'lib',
          captured: { lib: '!{{ from.captured.lib }}' },
          fileInternalPath: '!{src/index,src/training/index,testing/index}.ts',
        },
      },
    },
  },
  // A lib's test fixtures (libs/<lib>/testing, outside src; `@suite/<lib>/testing` where others use them)
  // are for specs and benches, never a service's or a lib's production code.
  {
    from: { element: { types: ['app', 'cli', 'lib'] } },
    disallow: { to: { element: { type: 'lib', fileInternalPath: 'testing/**' } } },
  },
  // A training entry (`@suite/<domain>-models/training`) is for the CLI, the benches, the test harness
  // and specs: never a service's code, nor another lib's, nor its own package's shared part (only its
  // training files use each other).
  {
    from: { element: { types: ['app', 'lib'] } },
    disallow: {
      to: { element: { type: 'lib', captured: { lib: '*-models' }, fileInternalPath: 'src/training/**' } },
    },
  },
  {
    from: { file: { path: 'libs/*/src/training/**' } },
    allow: {
      to: {
        element: {
          type: 'lib',
          captured: { lib: '{{ from.captured.lib }}' },
          fileInternalPath: 'src/training/**',
        },
      },
    },
  },
  // EXCEPTION, the one documented (docs/ARCHITECTURE.md): risk-scoring schedules its weekly
  // champion/challenger retraining in process (apps/risk-scoring/src/retraining: warm start from the
  // champion, calibration, the gates), so that directory, and only it, may import
  // `@suite/risk-models/training`.
  {
    from: { file: { path: 'apps/risk-scoring/src/retraining/**' } },
    allow: {
      to: {
        element: { type: 'lib', captured: { lib: 'risk-models' }, fileInternalPath: 'src/training/index.ts' },
      },
    },
  },
  {
    from: { file: { path: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'apps/*/test/**'] } },
    allow: { to: { element: { type: 'lib', fileInternalPath: 'src/training/**' } } },
  },
  // Specs (never production code) may use the shared test harness in test/ (real database, real app) and
  // the libs' testing entries (whose files may use each other).
  {
    from: { file: { path: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/*/testing/**'] } },
    allow: [
      { to: { element: { type: 'test' } } },
      { to: { element: { type: 'lib', fileInternalPath: 'testing/**' } } },
      { to: { element: { type: 'lib', fileInternalPath: 'src/training/**' } } },
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'models/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/libs/*/src/**', '../../libs/**'], message: 'Import libs by alias (@suite/...).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': [
        { type: 'lib', pattern: 'libs/*', capture: ['lib'] },
        { type: 'cli', pattern: 'apps/cli' },
        { type: 'app', pattern: 'apps/*', capture: ['app'] },
        { type: 'migrations', pattern: 'migrations' },
        { type: 'bench', pattern: 'bench' },
        { type: 'test', pattern: 'test' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        { default: 'allow', checkInternals: true, policies: boundaryPolicies },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
