// A PostgreSQL cluster of the fault suite's own: initdb into a temporary folder, its own port on 127.0.0.1,
// trust authentication. It can be stopped the hard way (`pg_ctl stop -m immediate`: no checkpoint, as a
// crash) and started again on the same data. PostgreSQL refuses to run as root: as root, every command runs
// as the `postgres` user, who owns the folder.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The folder with initdb and pg_ctl: PG_BIN, else the newest Debian install found. */
export function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  const dir = fromEnv ?? BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!dir || !existsSync(join(dir, 'initdb'))) {
    const found = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').join(', ') : 'none';
    throw new Error(`no PostgreSQL server binaries (initdb, pg_ctl) found (installed versions: ${found}): set PG_BIN to their folder`);
  }
  return dir;
}

export interface PostgresCluster {
  port: number;
  url(database: string): string;
  /** Starts (or starts again) the server; resolves once it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every backend killed, no shutdown checkpoint: recovery at the next start. */
  stopImmediately(): Promise<void>;
  /** A clean stop, then the folder is removed. Safe to call twice. */
  destroy(): void;
}

export function createPostgresCluster(port: number): PostgresCluster {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'casework-faults-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root needs a `postgres` user to run PostgreSQL as');
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[], { check = true } = {}) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    if (check && result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
    return result;
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  // pg_ctl without blocking: the suite's clients keep their timing while the server stops and starts.
  const runAsync = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const command = asRoot ? 'runuser' : join(bin, tool);
      const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
      const child = spawn(command, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} failed (${code}):\n${output}`))));
    });
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200 -c fsync=on`;
  let destroyed = false;
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start() {
      return runAsync('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'server.log'), '-o', options]);
    },
    stopImmediately() {
      return runAsync('pg_ctl', ['stop', '-m', 'immediate', '-w', '-D', data]);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      run('pg_ctl', ['stop', '-m', 'fast', '-w', '-t', '30', '-D', data], { check: false });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
