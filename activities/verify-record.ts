import type { CompanyRegistry } from './registries';
import type { CaseActivities } from './types';

export interface Registries {
  company: CompanyRegistry;
}

/** Checks one fact against a state register (免交證); transient failures are thrown so Temporal retries them. */
export const verifyRecord =
  (registries: Registries): CaseActivities['verifyRecord'] =>
  async ({ registry, subject }) => {
    if (registry !== 'company') return { ok: false, detail: `no ${registry} register is connected` };
    const company = await registries.company.lookup(subject);
    if (!company) return { ok: false, detail: `credit code ${subject} is not in the company register` };
    if (company.status === 'revoked') return { ok: false, detail: `the company's registration (${subject}) is revoked` };
    return { ok: true, detail: `company ${subject} is registered and active` };
  };
