import {
  CANCELLED_ID_NUMBERS,
  createLocalCompanyRegistry,
  createLocalEntryExitRegistry,
  createLocalPermitRecords,
  createLocalPopulationRegistry,
  createLocalRegistries,
  createLocalRequestLog,
  FREQUENT_REQUESTER_ID_NUMBER,
  GUARDIANSHIPS,
  LOCAL_WORK_PERMIT_EMPLOYER,
  NO_ENTRY_PASSPORTS,
  NO_WORK_PERMIT_PASSPORTS,
  PERMIT_HOLDER_ID_NUMBER,
  RegistryUnavailable,
  UNKNOWN_ID_NUMBERS,
  UNREGISTERED_GUEST_PASSPORTS,
} from '../../activities/registries';
import { verifyRecord, verifyRecords } from '../../activities/verify-record';

const fast = { latencyMs: 0 };

describe('local population register', () => {
  const register = createLocalPopulationRegistry({ ...fast, hukouOffices: { '310101199205061233': '310104' } });

  it('places the hukou in the division of the ID number unless told otherwise', async () => {
    await expect(register.lookup('440106201002031238')).resolves.toEqual({ idNumber: '440106201002031238', hukouOffice: '440106', status: 'registered' });
    await expect(register.lookup('310101199205061233')).resolves.toMatchObject({ hukouOffice: '310104' });
  });

  it('does not know malformed or listed numbers, and reports cancellations', async () => {
    await expect(register.lookup('12345')).resolves.toBeNull();
    await expect(register.lookup(UNKNOWN_ID_NUMBERS[0])).resolves.toBeNull();
    await expect(register.lookup(CANCELLED_ID_NUMBERS[0])).resolves.toMatchObject({ status: 'cancelled' });
  });
});

describe('kinship in the local population register', () => {
  const register = createLocalPopulationRegistry(fast);
  const verify = verifyRecord(createLocalRegistries(fast));

  it('records a resident of the same division born at least 14 years earlier as a parent, nobody else', async () => {
    await expect(register.kinship('440106201002031238', '440106198001011230')).resolves.toBe('parent');
    await expect(register.kinship('440106201002031238', '310101198001011230')).resolves.toBeNull(); // another division
    await expect(register.kinship('440106201002031238', '440106199801011230')).resolves.toBeNull(); // 12 years older
    await expect(register.kinship(UNKNOWN_ID_NUMBERS[0], '440106198001011230')).resolves.toBeNull();
  });

  it('answers the kernel kinship check: confirmed for a parent, contradicted otherwise', async () => {
    await expect(verify({ caseId: 'c', registry: 'kinship', subject: '440106201002031238/440106198001011230' })).resolves.toMatchObject({
      ok: true,
      facts: { relation: 'parent' },
    });
    await expect(verify({ caseId: 'c', registry: 'kinship', subject: '440106201002031238/310101198001011230' })).resolves.toMatchObject({ ok: false });
    await expect(verify({ caseId: 'c', registry: 'kinship', subject: 'nonsense' })).resolves.toMatchObject({ ok: false });
  });

  it('answers the kinship check naming no one: the case holds who the two are', async () => {
    for (const subject of ['440106201002031238/440106198001011230', '440106201002031238/310101198001011230']) {
      const answer = await verify({ caseId: 'c', registry: 'kinship', subject });
      for (const id of subject.split('/')) expect(JSON.stringify(answer)).not.toContain(id);
    }
  });

  // Issue 12: a guardian who is not a parent (民法典 arts 27–31) was contradicted, as if a stranger.
  it('records a designated guardian who is not a parent as a guardian, for that person only', async () => {
    const [{ personId, guardianId }] = GUARDIANSHIPS;
    expect(personId.slice(0, 6)).not.toBe(guardianId.slice(0, 6)); // not a parent by the register's parent rule
    await expect(register.kinship(personId, guardianId)).resolves.toBe('guardian');
    await expect(register.kinship('440106201002031238', guardianId)).resolves.toBeNull(); // not the guardian of another child
    await expect(verify({ caseId: 'c', registry: 'kinship', subject: `${personId}/${guardianId}` })).resolves.toMatchObject({
      ok: true,
      facts: { relation: 'guardian' },
    });
  });

  it('knows the guardianships it is given instead of the demo list', async () => {
    const own = createLocalPopulationRegistry({
      ...fast,
      guardianships: [{ personId: '440106201002031238', guardianId: '310101198001011230', basis: '民法典 art 27(2)' }],
    });
    await expect(own.kinship('440106201002031238', '310101198001011230')).resolves.toBe('guardian');
    await expect(own.kinship(GUARDIANSHIPS[0].personId, GUARDIANSHIPS[0].guardianId)).resolves.toBeNull();
  });
});

describe('local entry-exit register', () => {
  const register = createLocalEntryExitRegistry({ ...fast, records: { C01X00T47: { entryDate: '2026-11-20', port: 'Guangzhou Baiyun Airport' } } });

  it('answers recorded entries with date and port, other passports without a date', async () => {
    await expect(register.lookup('C01X00T47')).resolves.toEqual({ passportNo: 'C01X00T47', entryDate: '2026-11-20', port: 'Guangzhou Baiyun Airport' });
    await expect(register.lookup('E12345678')).resolves.toEqual({ passportNo: 'E12345678', entryDate: null, port: null });
  });

  it('has no entry for the listed passports', async () => {
    await expect(register.lookup(NO_ENTRY_PASSPORTS[0])).resolves.toBeNull();
  });
});

describe('simulated latency and failures', () => {
  it('fails transiently at the configured rate', async () => {
    const register = createLocalPopulationRegistry({ latencyMs: 0, transientFailureRate: 1 });
    await expect(register.lookup('440106201002031238')).rejects.toBeInstanceOf(RegistryUnavailable);
  });

  it('answers after the configured latency', async () => {
    const register = createLocalEntryExitRegistry({ latencyMs: 40, random: () => 0.5 });
    const started = performance.now();
    await register.lookup('E12345678');
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });
});

describe('verifyRecord', () => {
  const verify = verifyRecord(createLocalRegistries(fast));

  it('checks a resident and returns the hukou office as a fact', async () => {
    await expect(verify({ caseId: 'c', registry: 'population', subject: '440106201002031238' })).resolves.toEqual({
      ok: true,
      detail: 'resident 440106201002031238 is registered, hukou at office 440106',
      facts: { hukouOffice: '440106' },
    });
    await expect(verify({ caseId: 'c', registry: 'population', subject: UNKNOWN_ID_NUMBERS[0] })).resolves.toMatchObject({ ok: false });
    await expect(verify({ caseId: 'c', registry: 'population', subject: CANCELLED_ID_NUMBERS[0] })).resolves.toMatchObject({
      ok: false,
      detail: expect.stringMatching(/cancelled/),
    });
  });

  it('checks an entry record', async () => {
    await expect(verify({ caseId: 'c', registry: 'entry-exit', subject: 'E12345678' })).resolves.toMatchObject({ ok: true, facts: { entryDate: null } });
    await expect(verify({ caseId: 'c', registry: 'entry-exit', subject: NO_ENTRY_PASSPORTS[1] })).resolves.toMatchObject({
      ok: false,
      detail: 'no entry record for passport NOENTRY01',
    });
  });

  it('still checks companies', async () => {
    const company = verifyRecord({ ...createLocalRegistries(fast), company: createLocalCompanyRegistry(fast) });
    await expect(company({ caseId: 'c', registry: 'company', subject: '91310101MA1FL0000A' })).resolves.toMatchObject({
      ok: false,
      detail: expect.stringMatching(/revoked/),
    });
  });
});

describe("a foreigner's registers: accommodation registrations and work permits (docs/domain.md §7.7)", () => {
  const verify = verifyRecord(createLocalRegistries(fast));

  it('confirms the accommodation registered in the office, unless nobody registered the guest', async () => {
    await expect(verify({ caseId: 'c', registry: 'accommodation-registration', subject: 'ITA/YA1234567@310101' })).resolves.toMatchObject({
      ok: true,
      facts: { since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });
    await expect(
      verify({ caseId: 'c', registry: 'accommodation-registration', subject: `ITA/${UNREGISTERED_GUEST_PASSPORTS[0]}@310101` }),
    ).resolves.toMatchObject({
      ok: false,
      detail: expect.stringMatching(/no accommodation registered/),
    });
    await expect(verify({ caseId: 'c', registry: 'accommodation-registration', subject: 'ITA/YA1234567' })).resolves.toMatchObject({ ok: false });
  });

  it('confirms a work permit with its employer and expiry, unless the passport has none', async () => {
    await expect(verify({ caseId: 'c', registry: 'work-permit', subject: 'ITA/YA1234567' })).resolves.toMatchObject({
      ok: true,
      facts: { employerCreditCode: LOCAL_WORK_PERMIT_EMPLOYER, validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });
    await expect(verify({ caseId: 'c', registry: 'work-permit', subject: `ITA/${NO_WORK_PERMIT_PASSPORTS[0]}` })).resolves.toMatchObject({ ok: false });
    await expect(verify({ caseId: 'c', registry: 'work-permit', subject: 'YA1234567' })).resolves.toMatchObject({ ok: false });
  });
});

describe('the register of residence permits, for metro residence years (docs/domain.md §7.4 互通互認)', () => {
  const verify = verifyRecord(createLocalRegistries(fast));
  const PRD = '440300,440600,441900';

  it("answers the years each city's permits prove on the day asked, a suspended permit's up to its suspension", async () => {
    await expect(verify({ caseId: 'c', registry: 'residence-permit', subject: `${PERMIT_HOLDER_ID_NUMBER}@${PRD}@2026-11-25` })).resolves.toEqual({
      ok: true,
      detail: 'residence permits prove 7 years in city 440300, 2 years in city 440600 as of 2026-11-25',
      facts: { asOf: '2026-11-25', permits: 2, 'years:440300': 7, 'years:440600': 2 },
    });
    // Asked as of an earlier day: fewer years.
    await expect(verify({ caseId: 'c', registry: 'residence-permit', subject: `${PERMIT_HOLDER_ID_NUMBER}@440300@2022-02-28` })).resolves.toMatchObject({
      facts: { 'years:440300': 2 },
    });
  });

  it('answers none for somebody without a permit in those cities (an answer, not a failure), and refuses a malformed subject', async () => {
    await expect(verify({ caseId: 'c', registry: 'residence-permit', subject: `440106201002031238@${PRD}@2026-11-25` })).resolves.toEqual({
      ok: true,
      detail: `no residence years proved by a permit in cities 440300, 440600, 441900 as of 2026-11-25`,
      facts: { asOf: '2026-11-25', permits: 0 },
    });
    await expect(verify({ caseId: 'c', registry: 'residence-permit', subject: `${PERMIT_HOLDER_ID_NUMBER}@440300` })).resolves.toMatchObject({ ok: false });
  });

  it('holds the records it is given instead of the demo list', async () => {
    const register = createLocalPermitRecords({ ...fast, records: { X: [{ number: 'P1', residenceCity: '440300', yearsFrom: '2020-01-01' }] } });
    await expect(register.permitsOf('X')).resolves.toHaveLength(1);
    await expect(register.permitsOf(PERMIT_HOLDER_ID_NUMBER)).resolves.toEqual([]);
  });
});

describe("the platform's log of no-criminal-record requests (docs/domain.md §7.6)", () => {
  const now = Date.parse('2026-11-25T02:00:00.000Z');
  const verify = verifyRecord({ ...createLocalRegistries(fast), requestLog: createLocalRequestLog({ ...fast, now: () => now }) });
  const window = '2025-11-25@2026-11-25T02:00:00.000Z';

  it('counts the requests lodged in the year before the one asked about: 40 and 150 days ago, not 500', async () => {
    await expect(verify({ caseId: 'c', registry: 'request-log', subject: `id:${FREQUENT_REQUESTER_ID_NUMBER}@${window}` })).resolves.toEqual({
      ok: true,
      detail: "the platform's request log holds 2 earlier no-criminal-record requests since 2025-11-25",
      facts: { requests: 2, since: '2025-11-25', before: '2026-11-25T02:00:00.000Z' },
    });
    // Asked for a request lodged on 1 June 2026: the one of July 2025 (500 days ago) counts, the later two do not.
    const earlier = `id:${FREQUENT_REQUESTER_ID_NUMBER}@2025-06-01@2026-06-01T02:00:00.000Z`;
    await expect(verify({ caseId: 'c', registry: 'request-log', subject: earlier })).resolves.toMatchObject({ facts: { requests: 1 } });
  });

  it('answers 0 for somebody who never asked (an answer, not a failure), and refuses a malformed subject', async () => {
    await expect(verify({ caseId: 'c', registry: 'request-log', subject: `passport:E12345678@${window}` })).resolves.toMatchObject({
      ok: true,
      facts: { requests: 0 },
    });
    await expect(verify({ caseId: 'c', registry: 'request-log', subject: `${FREQUENT_REQUESTER_ID_NUMBER}@2025-11-25` })).resolves.toEqual({
      ok: false,
      detail: 'the request-log query names no person and window',
    });
  });

  it('is slow and briefly unavailable like the other registers: the failure is thrown for the activity to retry', async () => {
    const down = createLocalRequestLog({ latencyMs: 0, transientFailureRate: 1 });
    await expect(down.requestsOf({ idNumber: FREQUENT_REQUESTER_ID_NUMBER }, '2025-11-25', '2026-11-25T02:00:00.000Z')).rejects.toThrow(RegistryUnavailable);
  });
});

describe('verifyRecords: the checks a command made due, asked at once', () => {
  it('answers each check in the order asked, as verifyRecord would', async () => {
    const registries = createLocalRegistries(fast);
    const checks = [
      { registry: 'population' as const, subject: '440106201002031238' },
      { registry: 'population' as const, subject: UNKNOWN_ID_NUMBERS[0] },
      { registry: 'entry-exit' as const, subject: 'E12345678' },
    ];
    const answers = await verifyRecords(registries)({ caseId: 'c', checks });
    const one = verifyRecord(registries);
    expect(answers).toEqual(await Promise.all(checks.map(async (c) => ({ answered: true, result: await one({ caseId: 'c', ...c }) }))));
    expect(answers.map((a) => a.answered && a.result.ok)).toEqual([true, false, true]);
  });

  it('keeps the answers that came when one register fails or is too slow, and says why for the others', async () => {
    const registries = createLocalRegistries(fast);
    const failing = { ...registries, entryExit: { lookup: () => Promise.reject(new RegistryUnavailable('entry-exit')) } };
    const slow = { ...failing, company: { lookup: () => new Promise<never>(() => undefined) } };
    const started = performance.now();
    const answers = await verifyRecords(
      slow,
      50,
    )({
      caseId: 'c',
      checks: [
        { registry: 'entry-exit', subject: 'E12345678' },
        { registry: 'population', subject: '440106201002031238' },
        { registry: 'company', subject: '91440101MA59TEST01' },
      ],
    });
    expect(answers).toEqual([
      { answered: false, error: 'the entry-exit register did not answer (transient)' },
      { answered: true, result: expect.objectContaining({ ok: true }) },
      { answered: false, error: 'no answer within 50 ms' },
    ]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
