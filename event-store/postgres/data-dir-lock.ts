import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The embedded database folder is in use by another live process. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, but belongs to someone else
  }
};

/**
 * Claims an embedded database folder for this process, as PostgreSQL's postmaster.pid does: PGlite is one
 * process's memory image of the folder, and two processes writing it corrupt it for good. A lock left by a
 * process that no longer runs is stale and taken over. Hand-written rather than a lock library because the
 * owner must be told by process id, at once, not after a staleness timeout. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir.replace(/\/+$/, '')}.pid`;
  const claim = `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, claim, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8') === claim) unlinkSync(lockFile);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const [pidText, host, since] = readFileSync(lockFile, 'utf8').split('\n');
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid > 0 && host === hostname() && isAlive(pid)) {
      throw new DataDirLockedError(
        `the data folder ${dataDir} is in use by process ${pid} (since ${since}): stop that casework first, ` +
          `or give this one another data folder (CASEWORK_DATA_DIR or PGLITE_DIR)`,
      );
    }
    unlinkSync(lockFile); // stale: its process is gone (or the file is unreadable as a claim)
  }
  throw new DataDirLockedError(`the data folder ${dataDir} is being claimed by another process at the same moment`);
}
