// Builds the web console (console/) into dist/console, which the API serves at /console:
// 1. dumps the OpenAPI document the API serves (apps/api/openapi/dump.ts, no server needed);
// 2. generates the typed client's schema from it (openapi-typescript → console/src/api/schema.d.ts);
// 3. type-checks the console against it (a contract change breaks the build, not the user);
// 4. bundles it with Vite.
// A stamp (hash of the inputs) lets `npm start` and `npm test` rebuild only when something changed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { info, SetupError } from './log.mjs';
import { repoRoot } from './paths.mjs';

export const consoleDir = join(repoRoot, 'console');
export const consoleOutDir = join(repoRoot, 'dist', 'console');
export const schemaFile = join(consoleDir, 'src', 'api', 'schema.d.ts');
const stampOf = (outDir) => join(outDir, '.build-stamp');
const stampFile = stampOf(consoleOutDir);
/** What the console is made of: its sources, and the API contract it is generated from (routes, schemas, domain). */
const INPUTS = ['console', 'apps/api', 'domain', 'package-lock.json'];

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** A hash of every input file (name and content); the generated schema is an output, so it is left out. */
export function consoleInputsHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => filesUnder(join(repoRoot, p)))) {
    if (file === schemaFile) continue;
    hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function consoleUpToDate() {
  return existsSync(join(consoleOutDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === consoleInputsHash();
}

function run(args, what) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolvePromise() : reject(new SetupError(`${what} failed (${signal ?? `exit code ${code}`}; errors above).`)),
    );
  });
}

/** The TypeScript of the typed client's schema for an OpenAPI document (a test compares it with the committed file). */
export async function schemaText(document) {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const header = "// Generated from the API's OpenAPI document by `npm run build` (scripts/lib/console-build.mjs): do not edit.\n";
  return header + astToString(await openapiTS(document));
}

/** The typed client's schema, generated from the OpenAPI document as the API would serve it. */
export async function generateConsoleSchema() {
  const dir = mkdtempSync(join(tmpdir(), 'casework-openapi-'));
  try {
    const documentFile = join(dir, 'openapi.json');
    await run(['-r', './scripts/lib/register-ts.cjs', 'apps/api/openapi/dump.ts', documentFile], 'Dumping the OpenAPI document');
    const text = await schemaText(JSON.parse(readFileSync(documentFile, 'utf8')));
    if (!existsSync(schemaFile) || readFileSync(schemaFile, 'utf8') !== text) writeFileSync(schemaFile, text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the console into `outDir` (dist/console unless a test asks for another place). */
export async function buildConsole({ outDir = consoleOutDir } = {}) {
  const started = Date.now();
  info(`Building the web console (console/ → ${relative(repoRoot, outDir)})...`);
  await generateConsoleSchema();
  await run([join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(consoleDir, 'tsconfig.json'), '--noEmit'], 'Type-checking the console');
  const { build } = await import('vite');
  // Vite sets NODE_ENV=production in this process when it is unset, for the bundle. `npm start` builds the console
  // and then starts casework with this process's environment: left so, a first start on a fresh clone ran as
  // production and stopped for want of the operator's sealing keys. It is put back as it was.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({
      root: consoleDir,
      base: '/console/',
      configFile: false,
      logLevel: 'warn',
      // Preact's JSX runtime (console/tsconfig.json says the same to the type checker).
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      build: { outDir, emptyOutDir: true, assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 800 },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(stampOf(outDir), `${consoleInputsHash()}\n`);
  info(`Console built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** Builds the console unless dist/console already holds a build of the current inputs. */
export async function ensureConsoleBuilt() {
  if (consoleUpToDate()) return;
  await buildConsole();
}
