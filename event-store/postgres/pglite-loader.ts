import NodeModule from 'node:module';
import type { PGlite } from '@electric-sql/pglite';

type PGliteClass = typeof PGlite;

/** Whether this JavaScript realm can run `import()`: not inside Jest's VM sandbox without --experimental-vm-modules. */
async function realmCanImport(): Promise<boolean> {
  try {
    await (new Function('return import("node:path")') as () => Promise<unknown>)();
    return true;
  } catch {
    return false;
  }
}

/** Loads the package through Node's own loader, outside any sandbox that wraps `require`. */
function requireThroughNode(): { PGlite: PGliteClass } {
  const Module = NodeModule as unknown as {
    new (id: string): { filename: string; paths: string[]; require(id: string): unknown };
    _nodeModulePaths(dir: string): string[];
  };
  const parent = new Module(__filename);
  parent.filename = __filename;
  parent.paths = Module._nodeModulePaths(__dirname);
  return parent.require('@electric-sql/pglite') as { PGlite: PGliteClass };
}

/**
 * The PGlite class. PGlite's Emscripten glue always calls `import()` in Node; under Jest without
 * --experimental-vm-modules that rejects (and crashes the worker), so there it is loaded natively instead.
 */
export async function loadPGlite(): Promise<PGliteClass> {
  if (await realmCanImport()) return (require('@electric-sql/pglite') as { PGlite: PGliteClass }).PGlite;
  return requireThroughNode().PGlite;
}
