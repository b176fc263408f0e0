// The case workflow after a change to a case type's decisions: an issued port visa now names the office that
// issued it. Harmless for new cases, but a running case replaying its history would decide other facts than
// its stream holds. Unguarded here: the replay test shows the workflow task failing, naming the case.
import { portVisa } from '../../../domain/port-visa/module';

const before = portVisa.onApprove.bind(portVisa);
portVisa.onApprove = (s, ctx) => before(s, ctx).map((e) => (e.type === 'VisaIssued' ? { ...e, data: { ...e.data, issuingOffice: s.handlingOffice } } : e));

export { caseWorkflow } from '../../../workflows/case-workflow';
