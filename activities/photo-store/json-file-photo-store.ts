import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SimulationOptions } from '../registries/simulation';
import { createPhotoStore, type PhotoBackend, type PhotoRecord } from './photo-store';

/** Keeps the shared photo store in a JSON file so photos survive a worker restart (local development). */
export function jsonFileBackend(path: string): PhotoBackend {
  return {
    async load() {
      try {
        const records = JSON.parse(await readFile(path, 'utf8')) as PhotoRecord[];
        return new Map(records.map((p) => [p.idNumber, p]));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
        throw e;
      }
    },
    async persist(photos) {
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a crash never leaves half a file behind.
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify([...photos.values()], null, 1));
      await rename(temporary, path);
    },
  };
}

export const createJsonFilePhotoStore = (path: string, options: SimulationOptions = {}) => createPhotoStore(jsonFileBackend(path), options);
