import type { AnyCaseTypeModule } from './case-type';
import type { CaseEvent } from './events';
import type { CaseState } from './types';

/** Every office a case involves (receiving, handling, and the type's own), each once. */
export const officesOf = (s: Pick<CaseState, 'receivingOffice' | 'handlingOffice' | 'involvedOffices'>): string[] => [
  ...new Set([s.receivingOffice, s.handlingOffice, ...s.involvedOffices]),
];

/**
 * The office that owns a clock, to which its SLA events are charged and whose province is alerted
 * (docs/domain.md §1): completeness the receiving office, the decision the deciding office, a type's own
 * clocks as the type says (a move-out the origin office).
 */
export function clockOwner(module: AnyCaseTypeModule, s: CaseState, clock: string): string {
  return module.clockOwner?.(s, clock) ?? (clock === 'completeness' || clock === 'supplement' ? s.receivingOffice : s.handlingOffice);
}

/** The office an event the system records belongs to: a clock's owner for its events, else the deciding office. */
export function systemEventOffice(module: AnyCaseTypeModule, s: CaseState, ev: CaseEvent): string {
  const clock = (ev.data as { clock?: unknown }).clock;
  return typeof clock === 'string' && s.clocks[clock] ? clockOwner(module, s, clock) : s.handlingOffice;
}
