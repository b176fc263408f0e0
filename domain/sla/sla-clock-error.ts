export type SlaClockErrorCode =
  | 'invalid-spec'
  | 'invalid-time'
  | 'already-paused'
  | 'not-paused'
  | 'clock-stopped'
  | 'already-extended'
  | 'extension-too-long'
  | 'invalid-extension'
  | 'not-extendable'
  | 'deadline-already-passed'
  | 'unexpected-transition';

/** Typed so workflows and command handlers can map domain refusals without string matching. */
export class SlaClockError extends Error {
  override readonly name = 'SlaClockError';
  constructor(
    readonly code: SlaClockErrorCode,
    message: string,
  ) {
    super(message);
  }
}
