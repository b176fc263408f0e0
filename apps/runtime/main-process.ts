import { ConfigError, loadConfig } from '../../config/config';
import { startCasework, type Parts } from './compose';
import { createLogger } from './logger';

/** Runs one profile's parts until SIGINT/SIGTERM, then stops them in order and exits. */
export async function runProcess(name: string, parts: Parts, banner: (url?: string) => string): Promise<void> {
  let cfg;
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
  let stopping = false;
  const running = await startCasework(cfg, parts, log, () => void stop(1));
  log.info(banner(running.url));

  async function stop(code: number) {
    if (stopping) return;
    stopping = true;
    log.info('stopping');
    await running.stop();
    process.exit(code);
  }
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}
