import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface Asset {
  body: Buffer;
  contentType: string;
}

/**
 * The built console, read once at start: a request can only name a file that was in the build (no path
 * is ever joined from the URL, so nothing outside the folder can be reached). Empty when not built.
 */
export class ConsoleAssets {
  private readonly files = new Map<string, Asset>();

  constructor(readonly dir: string) {
    if (!existsSync(dir)) return;
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) walk(path);
        else
          this.files.set(relative(dir, path).split(sep).join('/'), {
            body: readFileSync(path),
            contentType: TYPES[extname(name)] ?? 'application/octet-stream',
          });
      }
    };
    walk(dir);
  }

  get built(): boolean {
    return this.files.has('index.html');
  }

  get(path: string): Asset | undefined {
    return this.files.get(path);
  }
}
