// ESLint flat config. TypeScript is linted with type information (typescript-eslint's type-checked
// rules: floating promises, promises where a callback expects void, exhaustive switches on unions);
// the scripts (.mjs/.cjs) and the few .js files of the test setup are plain Node and linted without it.
// domain/ and workflows/ get import and syntax fences that keep them deterministic (architecture.md):
// the domain is pure, and workflow code runs in Temporal's replay sandbox.
import { builtinModules } from 'node:module';
import eslintComments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `fs` and `node:fs` alike; `node:` only modules (node:test, node:sqlite) are caught by the pattern below.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

/** Node built-ins and I/O libraries: nothing in domain/ or workflows/ may reach a disk, a socket or a process. */
const ioImports = {
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'Node built-ins do I/O or read the machine: keep them out of domain/ and workflows/ (use an activity).',
  })),
  patterns: [
    { group: ['node:*'], message: 'Node built-ins do I/O or read the machine: keep them out of domain/ and workflows/ (use an activity).' },
    {
      group: [
        'pg',
        'pg-*',
        '@electric-sql/*',
        '@kurrent/*',
        '@nestjs/*',
        'fastify',
        '@fastify/*',
        'pino',
        'pino-*',
        'jose',
        'prom-client',
        'reflect-metadata',
        'rxjs',
        'autocannon',
      ],
      message: 'An I/O or framework library: keep it out of domain/ and workflows/ (adapters live in activities/, event-store/, projections/, apps/).',
    },
  ],
};

/** Relative imports that would make domain/ or workflows/ depend on an outer layer. */
const outerLayers = 'activities|apps|bench|config|event-store|projections|scripts|test';

/** Reads of the machine's clock or entropy: the domain takes instants as arguments, workflows use Temporal's clock. */
const nondeterminism = {
  properties: [
    { object: 'Date', property: 'now', message: 'No clock here: take the instant as an argument (workflows: see workflows/business-clock.ts).' },
    { object: 'Math', property: 'random', message: 'No randomness here: take ids as arguments (workflows: uuid4() from @temporalio/workflow).' },
    { object: 'performance', property: 'now', message: 'No clock here: take the instant as an argument.' },
    { object: 'crypto', property: 'randomUUID', message: 'No randomness here: take ids as arguments (workflows: uuid4() from @temporalio/workflow).' },
  ],
  syntax: [
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock here: `new Date()` reads the machine clock; pass the instant in.' },
    { selector: "CallExpression[callee.name='Date']", message: 'No clock here: `Date()` reads the machine clock; pass the instant in.' },
    { selector: 'ImportExpression', message: 'No dynamic import() here: it loads code at run time, outside the import fences.' },
  ],
  globals: [
    { name: 'process', message: 'No process state here: configuration comes in as arguments.' },
    { name: 'setTimeout', message: 'No timers here (workflows: sleep() or condition() from @temporalio/workflow).' },
    { name: 'setInterval', message: 'No timers here (workflows: sleep() or condition() from @temporalio/workflow).' },
    { name: 'setImmediate', message: 'No timers here.' },
    { name: 'fetch', message: 'No I/O here: call the outside world from an activity.' },
  ],
};

/** The rules that keep clocks, randomness and timers out of domain/ and workflows/. */
const deterministicRules = {
  'no-restricted-properties': ['error', ...nondeterminism.properties],
  'no-restricted-syntax': ['error', ...nondeterminism.syntax],
  'no-restricted-globals': ['error', ...nondeterminism.globals],
};

export default defineConfig(
  // The console's API schema is generated from the OpenAPI document (openapi-typescript writes its unions as they come).
  { ignores: ['dist/', 'data/', 'coverage/', 'node_modules/', 'test-output/', 'console/src/api/schema.d.ts'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  // Every inline disable names its rule and says why (`// eslint-disable-next-line rule -- reason`).
  eslintComments.recommended,
  { rules: { '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }] } },

  {
    files: ['**/*.ts', 'console/**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // tsconfig.json covers every TypeScript folder, test/ included.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A switch on a union names every member or has a `default:` that deliberately takes the rest (the
      // kernel's evolve hands the case type's events on); the compiler already refuses a misspelt member.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `_name` marks a parameter kept for its position (jest's each-tables, NestJS signatures).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Only a package's own manifest is read with require() (for its version); other requires need a reasoned disable.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/package\\.json$'] }],
      // An `async` method without `await` is how a Promise-returning interface is implemented here (onEvents,
      // health checks): a throw becomes a rejection. Dropping `async` would change that, so the rule is off.
      '@typescript-eslint/require-await': 'off',
    },
  },

  // The console runs in the browser (console/tsconfig.json: DOM, Preact's JSX).
  { files: ['console/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },

  // Plain Node files: scripts/ (ES modules and CommonJS) and the jest setup files, without type information.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }] },
  },
  { files: ['**/*.{js,cjs}'], languageOptions: { sourceType: 'commonjs' } },

  // Tests: nothing focused, nothing skipped without a reason in an inline disable.
  {
    files: ['test/**/*.ts'],
    extends: [jest.configs['flat/recommended']],
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      // `describe(NAME, …)` with a constant title, reused in messages.
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
      // A suite's setup may assert its own preconditions (the server answered, the document loaded).
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['beforeAll', 'beforeEach'] }],
      // Assertions also come as the domain's given/when/then helpers and fast-check properties.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', '**.then', '**.thenFails', 'fc.assert'] }],
      // jest's own variant understands `expect(obj.method)`.
      '@typescript-eslint/unbound-method': 'off',
      'jest/unbound-method': 'error',
      // Tests read HTTP answers, recorded histories and rows as untyped JSON; their shape is what the
      // expectations check, so typing every body would restate the assertions.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Shared test code (contracts run by several suites, harnesses) is exported by design.
  { files: ['test/**/support/**/*.ts'], rules: { 'jest/no-export': 'off' } },

  // The domain: pure TypeScript, no I/O, no clock, no randomness, no Temporal.
  {
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ioImports.paths,
          patterns: [
            ...ioImports.patterns,
            { group: ['@temporalio/*'], message: 'The domain knows nothing of Temporal: that is workflows/ and activities/.' },
            { regex: `^(\\.\\./)+(${outerLayers}|workflows)(/|$)`, message: 'The domain depends on nothing outside domain/.' },
          ],
        },
      ],
      ...deterministicRules,
    },
  },

  // Workflow code runs in Temporal's deterministic sandbox: only the workflow SDK, its common types and the domain.
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ioImports.paths,
          patterns: [
            ...ioImports.patterns,
            {
              // @noble/hashes: pure JavaScript SHA-256 for the batch digest (the sandbox has no node:crypto).
              regex: '^(?!\\.|@temporalio/(workflow|common)(/|$)|@noble/hashes/)',
              message: 'Workflow code imports only @temporalio/workflow, @temporalio/common, @noble/hashes and ../domain.',
            },
            {
              // Activity interfaces are types the workflow proxies; their code runs in the worker, not here.
              regex: `^(\\.\\./)+(${outerLayers})(/|$)`,
              allowTypeImports: true,
              message: 'Workflow code may import only types from outer layers (e.g. activity interfaces).',
            },
            {
              // One copy of the domain per worker thread: two in one workflow would not recognise each other's errors.
              regex: '^\\.\\./domain(/|$)',
              allowTypeImports: true,
              message:
                'Workflow code takes the domain from ./domain, the copy its worker thread shares (workflows/shared-domain.ts); only types from ../domain.',
            },
          ],
        },
      ],
      ...deterministicRules,
    },
  },
);
