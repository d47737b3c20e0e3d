// Jest runs TypeScript as ESM through SWC (decorator metadata on, as Nest's DI needs).
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // ESM-only dependencies that CommonJS packages require() (e.g. @fastify/static -> content-disposition):
    // jest on Node 20 cannot require ESM, so these few are compiled to CommonJS for the test runtime.
    '/node_modules/(content-disposition)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper: {
    '^@suite/(platform|inference|ml|onnx)$': '<rootDir>/libs/$1/src/index.ts',
    '^@suite/(inference)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@suite/(medical-models)$': '<rootDir>/libs/$1/src/index.ts',
    '^@suite/(medical-models)/training$': '<rootDir>/libs/$1/src/training/index.ts',
    '^@suite/migrations$': '<rootDir>/migrations/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['<rootDir>/test/setup/typed-arrays.cjs'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

export default {
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  maxWorkers: 2,
  // Each test file gets its own module registry, and jest's VM contexts are not all freed after a file
  // (heap grew by ~100 MB per de-identification spec, whose English gazetteer is ~70 MB): a worker past
  // this after a file is replaced, instead of slowing to a crawl in garbage collection.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'] },
  ],
};
