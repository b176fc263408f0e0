import { ConfigError, loadConfig, type Config } from '../../config/config';
import { DataDirLockedError } from '../../event-store/postgres';
import { startCasework, type Parts, type Running } from './compose';
import { createLogger } from './logger';

const EXIT_CODE_OF_SIGNAL: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Runs one profile's parts until SIGINT/SIGTERM, then stops them in order and exits 0.
 *
 * This is the only place that handles the signals: Nest's shutdown hooks are not enabled (Nest would
 * re-raise the signal after closing the app, killing the process before the worker drained) and the
 * Temporal runtime is installed without its own signal handlers (apps/runtime/temporal.ts). The stop
 * order is in `startCasework`. A second signal while stopping exits at once (128 + signal number),
 * leaving in-flight tasks to Temporal's retries.
 */
export async function runProcess(name: string, parts: Parts, banner: (url?: string) => string): Promise<void> {
  let cfg: Config;
  try {
    cfg = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`casework: configuration error: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(cfg.logLevel, name);
  let running: Running | undefined;
  let stopping: number | undefined; // the exit code once a stop has begun

  async function stop(code: number): Promise<void> {
    if (stopping !== undefined) return;
    stopping = code;
    if (!running) return; // still starting: stopped as soon as it is up (below)
    log.info('stopping');
    await running.stop();
    log.info('stopped');
    process.exit(code);
  }

  // Handlers go on before anything starts, so that a signal during start-up also stops cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping === undefined) return void stop(0);
      log.warn(`${signal} while stopping: exiting now`);
      process.exit(EXIT_CODE_OF_SIGNAL[signal]);
    });
  }

  try {
    running = await startCasework(cfg, parts, log, () => void stop(1));
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      // An operator's mistake (a second start on the same data), not a fault: say it plainly.
      process.stderr.write(`casework: ${e.message}\n`);
      process.exit(2);
    }
    log.error({ err: e }, 'could not start');
    process.exit(1);
  }
  if (stopping !== undefined) {
    const code = stopping;
    stopping = undefined;
    return stop(code);
  }
  log.info(banner(running.url));
}
