// The same change as changed-workflows.ts, guarded as the README's "Changing a case type" says: the decision
// asks `applies(ctx, id)`, which the workflow answers with patched(id). Cases that issued their visa before the
// change replay as they were; cases deciding after it get the new field, and their histories say so.
import { applies } from '../../../domain/kernel/case-type';
import { portVisa } from '../../../domain/port-visa/module';

export const VISA_NAMES_ISSUING_OFFICE = 'port-visa-names-issuing-office';

const before = portVisa.onApprove.bind(portVisa);
portVisa.onApprove = (s, ctx) =>
  before(s, ctx).map((e) =>
    e.type === 'VisaIssued' && applies(ctx, VISA_NAMES_ISSUING_OFFICE) ? { ...e, data: { ...e.data, issuingOffice: s.handlingOffice } } : e,
  );

export { caseWorkflow } from '../../../workflows/case-workflow';
