import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface Probe {
  filePath: string;
  code: string;
}

/**
 * Lints each probe as if it were the given file with the repository's eslint.config.mjs, in a child
 * process (the config is an ES module), without type information: the fences need none, and the run
 * takes seconds instead of a whole program's type check.
 */
function lint(probes: Probe[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    import tseslint from 'typescript-eslint';
    const untyped = { files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked };
    // jest's unbound-method wraps typescript-eslint's and needs type information too.
    const eslint = new ESLint({ overrideConfig: [untyped, { files: ['test/**/*.ts'], rules: { 'jest/unbound-method': 'off' } }] });
    const rules = [];
    for (const probe of JSON.parse(process.argv[1])) {
      const [result] = await eslint.lintText(probe.code, { filePath: probe.filePath });
      rules.push(result.messages.map((m) => m.ruleId ?? m.message));
    }
    process.stdout.write(JSON.stringify(rules));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`eslint probe failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as string[][];
}

const RESTRICTED_IMPORT = '@typescript-eslint/no-restricted-imports';

describe('lint fences (eslint.config.mjs)', () => {
  it('keep I/O, Temporal, outer layers, the clock and randomness out of domain/', () => {
    const inDomain = (code: string) => ({ filePath: 'domain/kernel/fence-probe.ts', code });
    const [fs, nodeFs, pg, temporal, activities, clock, newDate, random, pure] = lint([
      inDomain("import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"),
      inDomain("import { join } from 'node:path';\nexport const x = join;\n"),
      inDomain("import { Client } from 'pg';\nexport const x = Client;\n"),
      inDomain("import { Connection } from '@temporalio/client';\nexport const x = Connection;\n"),
      inDomain("import { createActivities } from '../../activities';\nexport const x = createActivities;\n"),
      inDomain('export const x = Date.now();\n'),
      inDomain('export const x = new Date();\n'),
      inDomain('export const x = Math.random();\n'),
      inDomain("import { z } from 'zod';\nimport { E } from './events';\nexport const x = [z, E, new Date(0), Date.parse('2026-01-01')];\n"),
    ]);
    for (const found of [fs, nodeFs, pg, temporal, activities]) expect(found).toEqual([RESTRICTED_IMPORT]);
    expect([clock, random]).toEqual([['no-restricted-properties'], ['no-restricted-properties']]);
    expect(newDate).toEqual(['no-restricted-syntax']);
    expect(pure).toEqual([]);
  }, 90_000);

  it('let workflows/ import only the workflow SDK, the shared domain and types of outer layers', () => {
    const inWorkflows = (code: string) => ({ filePath: 'workflows/fence-probe.ts', code });
    const [client, zod, activityCode, secondDomain, allowed] = lint([
      inWorkflows("import { Connection } from '@temporalio/client';\nexport const x = Connection;\n"),
      inWorkflows("import { z } from 'zod';\nexport const x = z;\n"),
      inWorkflows("import { createActivities } from '../activities';\nexport const x = createActivities;\n"),
      // The domain's values come from ./domain, the copy the worker thread shares (workflows/shared-domain.ts).
      inWorkflows("import { DomainError } from '../domain';\nexport const x = DomainError;\n"),
      inWorkflows(
        "import { sleep } from '@temporalio/workflow';\nimport { ApplicationFailure } from '@temporalio/common';\n" +
          "import type { CaseActivities } from '../activities/types';\nimport type { CaseState } from '../domain';\n" +
          "import { DomainError } from './domain';\n" +
          'export type A = CaseActivities;\nexport type S = CaseState;\nexport const x = [sleep, ApplicationFailure, DomainError];\n',
      ),
    ]);
    expect(client).toContain(RESTRICTED_IMPORT);
    expect(zod).toEqual([RESTRICTED_IMPORT]);
    expect(activityCode).toEqual([RESTRICTED_IMPORT]);
    expect(secondDomain).toEqual([RESTRICTED_IMPORT]);
    expect(allowed).toEqual([]);
  }, 90_000);

  it('leave adapters free to do I/O', () => {
    const [activity] = lint([
      { filePath: 'activities/fence-probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = [readFileSync, Date.now()];\n" },
    ]);
    expect(activity).toEqual([]);
  }, 90_000);

  it('refuse focused tests, and skipped ones unless a disable comment says why', () => {
    const inTests = (code: string) => ({ filePath: 'test/fence-probe.test.ts', code });
    // The probes are source text for the linter, never run; built from parts so that no scan of this file
    // mistakes them for a focused or skipped test of the suite.
    const focusedProbe = `it.${'only'}('runs alone', () => expect(1).toBe(1));\n`;
    const skippedProbe = `it.${'skip'}('waits', () => expect(1).toBe(1));\n`;
    const [focused, skipped, silenced, explained] = lint([
      inTests(focusedProbe),
      inTests(skippedProbe),
      inTests(`// eslint-disable-next-line jest/no-disabled-tests\n${skippedProbe}`),
      inTests(`// eslint-disable-next-line jest/no-disabled-tests -- the register is down until Monday\n${skippedProbe}`),
    ]);
    expect(focused).toEqual(['jest/no-focused-tests']);
    expect(skipped).toEqual(['jest/no-disabled-tests']);
    expect(silenced).toEqual(['@eslint-community/eslint-comments/require-description']);
    expect(explained).toEqual([]);
  }, 90_000);
});
