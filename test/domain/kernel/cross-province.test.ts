import { decideOpen, fold, hukouMigration, policyFor, type CaseEvent, type OpenCaseInput } from '../../../domain';
import { applicant, caseworker, opened, testEnv, type LooseEvent } from '../support/given';

/**
 * Cross-province (跨省通辦) is routing derived from the offices, not a channel (docs/domain.md §7.9.1): a case can be
 * online and cross-province; the former `cross-province` channel is a deprecated alias of the window channel.
 */
const FROM = '310101'; // Shanghai Huangpu: the hukou is moved out of here
const TO = '440106'; // Guangzhou Tianhe: receives and decides
const at = '2026-11-25T02:00:00.000Z';

const hukouMove = (channel: OpenCaseInput['channel'], fromOffice = FROM): OpenCaseInput => ({
  type: 'hukou-migration',
  channel,
  receivingOffice: TO,
  applicant: { name: '李娜', idNumber: '310101199205061233' },
  materials: ['application form', 'labour contract'],
  details: { category: 'work-transfer', fromOffice, toOffice: TO, destinationCity: { code: '440100' }, residenceYears: 8, socialInsuranceYears: 20 },
});
const openedData = (events: CaseEvent[]) => (events[0] as LooseEvent).data;

describe('cross-province is routing: derived from the offices, not a channel', () => {
  it('given offices in two provinces, when the applicant lodges online, then the case is online and cross-province', () => {
    const events = opened(hukouMigration, hukouMove('online'), applicant('u-li'), at);
    expect(openedData(events)).toMatchObject({ channel: 'online', crossProvince: true });
    expect(fold(hukouMigration, events)).toMatchObject({ channel: 'online', crossProvince: true });
  });

  it('given offices in two provinces, when a caseworker lodges at the window, then the case is window and cross-province', () => {
    expect(openedData(opened(hukouMigration, hukouMove('window'), caseworker(TO), at))).toMatchObject({ channel: 'window', crossProvince: true });
  });

  it('given offices in one province, when lodged at the window, then the case is not cross-province', () => {
    expect(openedData(opened(hukouMigration, hukouMove('window', '440104'), caseworker(TO), at))).toMatchObject({ channel: 'window', crossProvince: false });
  });
});

describe('the deprecated cross-province channel', () => {
  it('given offices in two provinces, when a caseworker lodges with it, then the case is recorded as window and cross-province', () => {
    expect(openedData(opened(hukouMigration, hukouMove('cross-province'), caseworker(TO), at))).toMatchObject({ channel: 'window', crossProvince: true });
  });

  it('given offices in one province, when lodged with it, then it is refused (422): the alias promises two provinces', () => {
    expect(() => opened(hukouMigration, hukouMove('cross-province', '440104'), caseworker(TO), at)).toThrow(/two provinces/);
  });

  it('given an applicant, when they lodge with it, then it is refused (403): the alias is a window channel', () => {
    expect(() => opened(hukouMigration, hukouMove('cross-province'), applicant('u-li'), at)).toThrow(/online channel/);
  });

  it('given a case lodged with it before the change (a replay without the patch), then the alias is decided again as it was', () => {
    const ctx = { caseId: '0f8fad5b-d9cb-469f-a165-70867728950e', actor: caseworker(TO), at, policy: policyFor(hukouMigration), ...testEnv };
    const replayed = decideOpen(hukouMigration, hukouMove('cross-province'), { ...ctx, patched: () => false });
    expect(openedData(replayed)).toMatchObject({ channel: 'cross-province', crossProvince: true });
    // ... and the case it records reads as the window case it always was.
    expect(fold(hukouMigration, replayed)).toMatchObject({ channel: 'window', crossProvince: true });
  });

  it('given a stored opening with it, when folded, then the case shows the window channel and the cross-province flag', () => {
    const stored = opened(hukouMigration, hukouMove('window'), caseworker(TO), at).map((e, i) =>
      i === 0 ? { ...e, data: { ...(e as LooseEvent).data, channel: 'cross-province' } } : e,
    );
    expect(fold(hukouMigration, stored)).toMatchObject({ channel: 'window', crossProvince: true });
  });
});
