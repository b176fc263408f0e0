import type { Worker } from '@temporalio/worker';
import type { Logger } from 'pino';

/** Keeps the worker's run() promise and awaits its shutdown, so Ctrl-C never cuts an activity in half. */
export class CaseWorkerHost {
  private running?: Promise<void>;
  private stopping?: Promise<void>;

  constructor(
    private readonly worker: Worker,
    private readonly log: Logger,
  ) {}

  start(onCrash: (e: unknown) => void): void {
    this.running = this.worker.run().catch((e) => {
      this.log.error({ err: e }, 'case worker stopped unexpectedly');
      onCrash(e);
    });
  }

  /** True while the worker polls; its heartbeat (worker-heartbeat.ts) beats only then. */
  isRunning(): boolean {
    return this.worker.getState() === 'RUNNING';
  }

  /**
   * Stops polling, lets the tasks it holds finish, then closes the worker's connection to Temporal (its own: see
   * `createCaseWorker`; the SDK closes only connections it opened itself). Left open, the connection keeps the SDK's
   * native runtime, and the process with it, alive after the worker has stopped.
   */
  async stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
      await this.running;
      await this.worker.connection?.close();
    })();
    await this.stopping;
  }
}
