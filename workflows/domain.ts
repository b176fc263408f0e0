// The domain as workflow code sees it: the copy shared by every workflow on the worker thread (shared-domain.ts).
import { sharedDomain } from './shared-domain';

export type * from '../domain';

export const {
  accessPolicy,
  caseTypeModule,
  changedYears,
  createWorkingCalendar,
  decideCalendarPublished,
  decideAction,
  decideChildEvent,
  decideChildLinked,
  decideParentEvent,
  isClosed,
  LINKS_REACH_ENDED_RUNS,
  parentEventsForChildren,
  parentEventsForLateChild,
  decideOpen,
  decideTaskResult,
  decideTaskResults,
  decideTimers,
  DomainError,
  fold,
  keepsRunning,
  nextWakeUp,
  pendingTasks,
  policyFor,
  systemEventOffice,
  versionSeenAtLodging,
} = sharedDomain();
