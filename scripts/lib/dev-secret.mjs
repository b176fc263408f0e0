// The development JWT signing secret: JWT_SECRET, else the file JWT_SECRET_FILE
// (default $CASEWORK_DATA_DIR/dev-jwt-secret), generated once if missing. data/ is gitignored.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { dataDir, repoRoot } from './paths.mjs';
import { info, SetupError } from './log.mjs';

export function devSecretFile() {
  const fromEnv = process.env.JWT_SECRET_FILE;
  return fromEnv ? resolve(repoRoot, fromEnv) : join(dataDir(), 'dev-jwt-secret');
}

/** Returns the secret, creating the secret file (mode 600) when JWT_SECRET is unset and the file is missing. */
export function ensureDevSecret() {
  if (process.env.JWT_SECRET) return checked(process.env.JWT_SECRET, 'JWT_SECRET');
  const file = devSecretFile();
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // 'wx' fails if the file exists, so two concurrent first runs cannot overwrite each other's secret.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    info(`Generated a development JWT secret in ${file}`);
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (!secret) throw new SetupError(`The JWT secret file ${file} is empty: delete it to get a new one.`);
  return checked(secret, `The JWT secret in ${file}`);
}

/** The server refuses signing secrets under 32 bytes (config/config.ts): say so before anything starts. */
function checked(secret, what) {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < 32)
    throw new SetupError(`${what} has ${bytes} bytes; a token signing secret needs at least 32: unset JWT_SECRET, or delete the file to get a new one.`);
  return secret;
}
