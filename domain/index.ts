export * from './kernel';
// Who may see a case: the case workflow checks each command's caller against the case as it is (workflows/case-workflow.ts).
export { accessPolicy } from './access/policy';
export * from './case-types';
export * from './offices';
export * from './registers';
export * from './port-visa';
export * from './multi-entry-visa';
export * from './hukou-migration';
export * from './first-id-card';
export {
  residencePermit,
  residencePermitDetailsSchema,
  ISSUE_CLOCK as RESIDENCE_PERMIT_ISSUE_CLOCK,
  type ResidencePermit,
  type ResidencePermitCase,
  type ResidencePermitDocument,
  permitRecordOf,
  residenceYearsByCity,
  wholeYears,
  type PermitRecord,
} from './residence-permit';
export * from './newborn-registration';
export * from './certificates';
export * from './household-certificate';
export * from './id-card-replacement';
export * from './id-card-loss-report';
export * from './residence-permit-endorsement';
export * from './temporary-id-card';
export * from './no-criminal-record';
export {
  foreignerResidencePermit,
  foreignerResidencePermitDetailsSchema,
  type ForeignerResidencePermit,
  type ForeignerResidencePermitCase,
  type ForeignerResidencePermitDocument,
} from './foreigner-residence-permit';
export * from './sla';
export * from './calendar';
export * from './reference';
export * from './local-policy';
