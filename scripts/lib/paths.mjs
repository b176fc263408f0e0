// Where things live: the repository root and the data directory (CASEWORK_DATA_DIR, default ./data).
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute data directory; a relative CASEWORK_DATA_DIR is taken relative to the repository root. */
export function dataDir() {
  return resolve(repoRoot, process.env.CASEWORK_DATA_DIR || 'data');
}

/** Per-user cache directory, outside the repository: ${XDG_CACHE_HOME:-$HOME/.cache}/casework. */
export function cacheDir() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'casework');
}
