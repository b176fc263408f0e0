/**
 * Compile-time tests of the case-type definitions, checked by `npm run typecheck` (jest does not run
 * them). Each `@ts-expect-error` marks a mistake the compiler must refuse: should it ever compile, the
 * directive is unused and typecheck fails.
 */
import { z } from 'zod';
import type { CaseActivities } from '../../activities/types';
import {
  caseTypes,
  defineCaseTypes,
  firstIdCard,
  hukouMigration,
  multiEntryVisa,
  notNow,
  portVisa,
  portVisaEvent,
  type ActionDefinition,
  type AnyCaseTypeModule,
  type CaseState,
  type CaseType,
  type CaseTypeModule,
  type FirstIdCard,
  type MultiEntryVisa,
  type PortVisa,
} from '../../domain';

const at = '2026-11-25T03:00:00.000Z';

// --- The registry -------------------------------------------------------------------------------

// Everything keyed by CaseType must cover every registered type: a registry that forgets one fails.
// @ts-expect-error Property 'first-id-card' is missing
export const forgotten: Record<CaseType, AnyCaseTypeModule> = {
  'port-visa': portVisa,
  'multi-entry-visa': multiEntryVisa,
  'hukou-migration': hukouMigration,
};
export const complete: Record<CaseType, AnyCaseTypeModule> = caseTypes;

// A folder that exists but was never registered is no case type.
// @ts-expect-error 'passport-renewal' is not a registered case type
export const unregistered: CaseType = 'passport-renewal';

// Each module sits under the name it declares.
// @ts-expect-error a port-visa registry entry holding the multi-entry visa module
export const misfiled = defineCaseTypes({ 'port-visa': multiEntryVisa, 'first-id-card': firstIdCard });

// --- Events -------------------------------------------------------------------------------------

// A misspelt event name in an evolve switch.
export const misspeltInEvolve: CaseTypeModule<PortVisa>['evolve'] = (s, ev) => {
  switch (ev.type) {
    // @ts-expect-error 'VisaIsued' is not an event of a port visa
    case 'VisaIsued':
      return s;
    case 'VisaIssued':
      return { ...s, documents: [...s.documents, ev.data] };
  }
};

// An evolve that forgets one of its type's events does not return a state on every path.
// @ts-expect-error PassportVerifiedAndReturned is left unhandled
export const forgetsAnEvent: CaseTypeModule<MultiEntryVisa>['evolve'] = (s, ev) => {
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- the forgotten event is what this case shows
  switch (ev.type) {
    case 'VisaIssued':
    case 'AcceptanceReceiptIssued':
      return s;
  }
};

// A decision that emits a misspelt event, or an event with the wrong data.
export const misspeltInDecide: ActionDefinition<PortVisa> = {
  name: 'reissue',
  payload: z.object({}).strict(),
  guard: () => null,
  decide: (_s, _p, ctx) => [
    // @ts-expect-error 'VisaIsued' is not an event of a port visa
    portVisaEvent('VisaIsued', { kind: 'visa' }, ctx.at),
    // @ts-expect-error a port visa's VisaIssued carries the whole visa
    portVisaEvent('VisaIssued', { kind: 'visa', number: 'PV1' }, ctx.at),
  ],
};

// A hand-written event object is checked against the union too.
// @ts-expect-error 'VisaIsued' is not an event of a port visa
export const handWritten: ReturnType<ActionDefinition<PortVisa>['decide']> = [{ type: 'VisaIsued', data: {}, at }];

// --- Details, progress, payloads --------------------------------------------------------------

export const creditCode = (s: CaseState<PortVisa>): string | undefined => s.details.invitingCompany?.creditCode;
// @ts-expect-error port-visa details have no passportNo (it is on the applicant)
export const noSuchDetail = (s: CaseState<PortVisa>) => s.details.passportNo;
// @ts-expect-error first-ID-card progress has no 'photoTaken'
export const noSuchProgress = (s: CaseState<FirstIdCard>) => s.progress.photoTaken;

export const typedPayload: ActionDefinition<FirstIdCard, { photo: 'reuse' | 'new' }> = {
  name: 'capture-photo',
  // @ts-expect-error the schema must produce the payload type: any string is not 'reuse' | 'new'
  payload: z.object({ photo: z.string() }),
  guard: (s) => (s.progress.fingerprintsAt ? notNow('biometrics were already captured') : null),
  decide: (_s, p) => {
    // @ts-expect-error the payload has `photo`, not `foto`
    void p.foto;
    return [];
  },
};

// --- Activities, typed by name ---------------------------------------------------------------

export const produce = (activities: CaseActivities) =>
  // @ts-expect-error produceCard needs the photo id its case type declares
  activities.produceCard({ caseId: 'c', idNumber: '440106201002031238', name: 'Li', issuingOffice: '440106', validity: '10 years' });
// @ts-expect-error no case type asks for an activity 'lookupFoto'
export const misspeltActivity = (activities: CaseActivities) => activities.lookupFoto;
