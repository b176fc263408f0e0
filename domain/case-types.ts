import type { CaseTypeModule } from './kernel/case-type';
import { ruleBroken } from './kernel/errors';
import type { CaseType, PolicySnapshot } from './kernel/types';
import { firstIdCard } from './first-id-card';
import { hukouMigration } from './hukou-migration';
import { multiEntryVisa } from './multi-entry-visa';
import { portVisa } from './port-visa';
import { defaultSlaPolicy } from './sla';

/** Every case type the system handles; adding one is one folder and one line here. */
export const caseTypes: Partial<Record<CaseType, CaseTypeModule>> = {
  'port-visa': portVisa,
  'multi-entry-visa': multiEntryVisa,
  'hukou-migration': hukouMigration,
  'first-id-card': firstIdCard,
};

export function caseTypeModule(type: CaseType): CaseTypeModule {
  const module = caseTypes[type];
  if (!module) throw ruleBroken(`case type ${type} is not handled yet`);
  return module;
}

/** The policy snapshotted into CaseOpened: it governs the case for life. */
export const policyFor = (module: CaseTypeModule): PolicySnapshot => ({
  version: defaultSlaPolicy.version,
  clocks: module.clocks,
});
