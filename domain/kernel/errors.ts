/** Why a command was refused; the API maps each kind to one HTTP status. */
export type DomainErrorKind =
  | 'invalid' // 400: malformed input
  | 'forbidden' // 403: this actor may not do this to this case
  | 'not-found' // 404
  | 'conflict' // 409: not allowed in the case's current state
  | 'rule'; // 422: well-formed but breaks a domain rule

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (msg: string, extra?: Record<string, unknown>) => new DomainError('invalid', msg, extra);
export const forbidden = (msg: string) => new DomainError('forbidden', msg);
export const conflict = (msg: string) => new DomainError('conflict', msg);
export const ruleBroken = (msg: string, extra?: Record<string, unknown>) => new DomainError('rule', msg, extra);
