import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../event-store/types';

export const DATA = { applicant: { name: 'Zhang San', idNumber: '110101199001011237' }, office: '110101', note: 'benchmark' };

export function benchEvent(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'BenchEvent',
    data: { ...DATA, n, sentAt: Date.now() },
    metadata: { actor: 'bench', role: 'caseworker', office: '110101', at: new Date().toISOString(), commandId: randomUUID(), correlationId: randomUUID() },
  };
}
