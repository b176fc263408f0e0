import {
  checkNewOpening,
  cnCalendar,
  creditCodeCheckCharacter,
  decideAction,
  defaultReferenceSet,
  type DecisionEnv,
  decideOpen,
  DomainError,
  fold,
  policyFor,
  type Actor,
  type CaseEvent,
  type CaseState,
  type CaseTypeModule,
  type OpenCaseInput,
} from '../../../domain';

/** The data cases decide with in these tests: the bundled calendar and the shipped reference tables. */
export const testEnv: DecisionEnv = { calendar: cnCalendar, reference: defaultReferenceSet() };

/** An event as a test inspects it: any field of its data may be asserted on. */
export type LooseEvent = CaseEvent<string, Record<string, any>>;

/** given(events).when(command).then(events), in the Emmett style, over one case type. */
export function given(module: CaseTypeModule, events: CaseEvent[]) {
  const state = () => fold(module, events) as CaseState;
  return {
    state,
    when(actor: Actor, action: string, payload: unknown, at = '2026-11-25T03:00:00.000Z') {
      const run = () => decideAction(module, state(), action, payload, { actor, at, ...testEnv });
      return {
        then(expected: Partial<LooseEvent>[]): LooseEvent[] {
          const got = run();
          expect(got.map((e) => e.type)).toEqual(expected.map((e) => e.type));
          got.forEach((e, i) => expect(e).toMatchObject(expected[i]));
          return got;
        },
        thenFails(kind: DomainError['kind'], message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).kind).toBe(kind);
          if (message) expect((error as DomainError).message).toMatch(message);
        },
      };
    },
  };
}

/** A new case lodged through the boundary: the rules for new openings first (as the API does), then the decision. */
export function opened(module: CaseTypeModule, input: OpenCaseInput, actor: Actor, at: string, caseId = '0f8fad5b-d9cb-469f-a165-70867728950e') {
  return decideOpen(module, checkNewOpening(module, input, at), { caseId, actor, at, policy: policyFor(module), ...testEnv });
}

export const caseworker = (office: string, id = `cw-${office}`): Actor => ({ id, role: 'caseworker', office });
export const supervisor = (office: string): Actor => ({ id: `sv-${office}`, role: 'supervisor', office });
export const applicant = (id: string): Actor => ({ id, role: 'applicant', office: '000000' });
/** The head of an office: approves extensions and statutory pauses of the cases it decides (docs/api.md). */
export const officeHead = (office: string): Actor => ({ ...supervisor(office), officeHead: true });

/** The unified social credit code of the inviting company in these tests (with its GB 32100 check character). */
export const INVITING_COMPANY = '91440101MA5CK7L2X' + creditCodeCheckCharacter('91440101MA5CK7L2X');

/** A multi-entry visa lodged at the window of `office`, invited by INVITING_COMPANY. */
export function multiEntryVisaAt(office: string): OpenCaseInput {
  return {
    type: 'multi-entry-visa',
    channel: 'window',
    receivingOffice: office,
    applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
    materials: ['passport', 'invitation letter'],
    details: {
      currentVisa: { type: 'M', entryDate: '2026-11-20', stayUntil: '2026-12-19' },
      invitingCompany: { creditCode: INVITING_COMPANY, name: 'Canton Trading Co.' },
      requestedValidityYears: 3,
      passportValidUntil: '2031-05-31',
    },
  };
}
