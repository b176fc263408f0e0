/**
 * Business time inside the workflow. `Date` in the workflow sandbox is Temporal's deterministic
 * workflow clock (replayed from history), never the machine's. Tests may run business time faster
 * (`timeScale` > 1, refused in production), counted from the case's opening.
 */
export function businessNowMs(openedAt: string | undefined, timeScale: number): number {
  // eslint-disable-next-line no-restricted-properties -- in the workflow sandbox Date.now() is Temporal's replayed clock
  const wall = Date.now();
  if (!openedAt || timeScale === 1) return wall;
  const origin = Date.parse(openedAt);
  return origin + (wall - origin) * timeScale;
}

/** Wall-clock milliseconds until a business instant. */
export function wallMsUntil(dueAt: string, nowMs: number, timeScale: number): number {
  return Math.max(0, Math.ceil((Date.parse(dueAt) - nowMs) / timeScale));
}
