// @swc/jest instead of ts-jest: it needs no TypeScript compiler API, so the TypeScript pin only matters for `tsc`.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/**
 * The unit suites: pure code that needs no database, no Temporal server and no PGlite (the domain with its
 * calendar and SLA clocks, activities against local stand-ins, pure API and runtime logic in `*.unit.test.ts`,
 * the token script). `npm run test:unit` runs only these, with no global setup.
 */
const UNIT = [
  '<rootDir>/test/domain/**/*.test.ts',
  '<rootDir>/test/activities/**/*.test.ts',
  '<rootDir>/test/**/*.unit.test.ts',
  '<rootDir>/test/scripts/token.test.ts',
];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: UNIT },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/domain/',
        '<rootDir>/test/activities/',
        '\\.unit\\.test\\.ts$',
        '<rootDir>/test/scripts/token\\.test\\.ts$',
      ],
      // Starts one Temporal dev server for the run and checks PostgreSQL (only when integration suites run).
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
};
