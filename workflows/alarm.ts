import { CancellationScope, sleep } from '@temporalio/workflow';

/**
 * The timer for a case's next SLA transition. Setting the instant it already waits for keeps the running
 * timer, so an action that leaves the next transition where it was costs no cancelled and restarted timer.
 */
export class Alarm {
  private at: string | undefined;
  private scope: CancellationScope | undefined;
  rang = false;
  /** The instant the timer that rang was set for: what the case decides at (see the workflow). */
  rangFor: string | undefined;

  set(at: string | undefined, wallMsUntil: (at: string) => number): void {
    if (at === this.at) return;
    this.scope?.cancel();
    this.scope = undefined;
    this.at = at;
    this.rang = false;
    this.rangFor = undefined;
    if (at === undefined) return;
    const scope = new CancellationScope();
    this.scope = scope;
    scope
      .run(() => sleep(wallMsUntil(at)))
      .then(
        () => {
          if (this.scope !== scope) return;
          this.rang = true;
          this.rangFor = at;
        },
        () => undefined, // cancelled: the case moved on to another instant
      );
  }

  /** The case closed: no transition is due any more. */
  cancel(): void {
    this.set(undefined, () => 0);
  }

  /** After it rang: the next set() starts a new timer, even for the same instant. */
  reset(): void {
    this.at = undefined;
    this.scope = undefined;
    this.rang = false;
    this.rangFor = undefined;
  }
}
