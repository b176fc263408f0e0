import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCalendarDays, dayOfWeek, endOfShanghaiDay, shanghaiDate, toIsoInstant, yearOf } from '../../domain/calendar';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { hukouBody, NATIONAL, OWN, portVisaBody } from './support/fixtures';

/**
 * Publishing a year of the working-day calendar over HTTP, on the embedded profile. The system starts with an
 * empty calendar (CALENDAR_SEED_FILE), so every working-day deadline computed now is provisional (Mon–Fri) for
 * this year, whatever day the test runs on. Publishing this year with one holiday inside every such deadline's
 * span must move each of them by exactly one working day, by one DeadlineRecomputed event, and nothing else.
 */
const nextWeekday = (date: string) => {
  let d = addCalendarDays(date, 1);
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) d = addCalendarDays(d, 1);
  return d;
};
const endOf = (date: string) => toIsoInstant(endOfShanghaiDay(date));
type Sla = { clock: string; deadline: string; state: string; provisional: boolean };

describe('PUT /admin/calendar/{year}: open cases recompute the deadlines a published year moves', () => {
  let sys: TestSystem;
  let admin: string;
  let caseworker: string;
  let supervisor: string;
  let officeHead: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casework-calendar-'));
    writeFileSync(join(dir, 'empty.json'), JSON.stringify({ years: {} }));
    sys = await startTestSystem('pglite', { CALENDAR_SEED_FILE: join(dir, 'empty.json') });
    [admin, caseworker, supervisor, officeHead] = await Promise.all([
      sys.token('admin', NATIONAL),
      sys.token('caseworker', OWN),
      sys.token('supervisor', OWN),
      // Extensions need the head of the deciding office (行政許可法 art 42).
      sys.token('supervisor', OWN, 'head-440106', { officeHead: true }),
    ]);
  }, 120_000);
  afterAll(() => sys?.stop());

  const view = async (caseId: string) => (await sys.request('GET', `/cases/${caseId}`, { token: supervisor })).body;
  const history = async (caseId: string) => (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as any[];
  const running = (v: { sla: Sla[] }) => v.sla.filter((c) => c.state !== 'stopped');
  const recomputed = async (caseId: string) => (await history(caseId)).filter((e) => e.type === 'DeadlineRecomputed');
  async function open(body: unknown): Promise<string> {
    const r = await sys.request('POST', '/cases', { token: caseworker, body });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  }
  const act = async (caseId: string, action: string, body: unknown, token = caseworker) =>
    expect((await sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body })).status).toBe(200);

  it('moves every provisional deadline by event, leaves the others, and replays at every version', async () => {
    // Provisional: a case waiting for acceptance (5 WD), an accepted one (20 WD), an accepted and extended one (30 WD).
    const submitted = await open(hukouBody('window'));
    const accepted = await open(hukouBody('window'));
    await act(accepted, 'accept', {});
    const extended = await open(hukouBody('window'));
    await act(extended, 'accept', {});
    await act(extended, 'extend-deadline', { workingDays: 10, reason: 'site inspection of the new residence' }, officeHead);
    // Not provisional: a port visa's 4-hour decision clock from lodging, which no calendar moves.
    const visa = await open(portVisaBody());

    const provisional = [submitted, accepted, extended];
    const before = new Map<string, Sla>();
    for (const caseId of provisional) {
      const [clock] = running(await view(caseId));
      expect(clock.provisional).toBe(true);
      before.set(caseId, clock);
      // The deadline the case view shows is in the case's history, with the calendar it was computed on.
      const facts = (await history(caseId)).flatMap((e) => (e.metadata.clocks ?? []) as { clock: string; deadline: string; calendarVersion: string }[]);
      expect(facts).toContainEqual(expect.objectContaining({ clock: clock.clock, deadline: clock.deadline }));
    }
    const visaBefore = await view(visa);
    expect(running(visaBefore).every((c) => !c.provisional)).toBe(true);
    const versionsBefore = new Map(await Promise.all([...provisional, visa].map(async (id) => [id, (await view(id)).version] as const)));

    // One holiday inside every provisional deadline's span: the second weekday after today.
    const holiday = nextWeekday(nextWeekday(shanghaiDate(Date.now())));
    const year = yearOf(holiday);
    const published = await sys.request('PUT', `/admin/calendar/${year}`, { token: admin, body: { holidays: [holiday], workdays: [], source: 'test notice' } });
    expect(published.status).toBe(202);
    expect(published.body).toMatchObject({ year, changed: true, version: expect.stringMatching(/^[0-9a-f]{16}$/) });

    for (const caseId of provisional) {
      const [event] = await eventually(async () => {
        const found = await recomputed(caseId);
        return found.length > 0 && found;
      }, 30_000);
      const was = before.get(caseId)!;
      const expected = endOf(nextWeekday(shanghaiDate(was.deadline))); // exactly one working day later
      expect(event.data).toMatchObject({ clock: was.clock, before: was.deadline, after: expected, calendarVersion: published.body.version });
      expect(event.metadata.clocks[0]).toMatchObject({ clock: was.clock, kind: 'move', deadline: expected, calendarVersion: published.body.version });
      const [now] = running(await view(caseId));
      expect(now.deadline).toBe(expected);

      // Every version folds; the deadline is the old one before the event and the new one from it on.
      const { version } = await view(caseId);
      const recomputedAt = (await history(caseId)).findIndex((e) => e.type === 'DeadlineRecomputed') + 1;
      const deadlines: (string | null)[] = [];
      for (let v = 1; v <= version; v++) {
        const r = await sys.request('GET', `/cases/${caseId}/state?version=${v}`, { token: supervisor });
        expect(r.status).toBe(200);
        deadlines.push((r.body.sla as Sla[]).find((c) => c.clock === was.clock)?.deadline ?? null);
      }
      expect(deadlines.slice(versionsBefore.get(caseId)! - 1)).toEqual([
        ...Array<string>(recomputedAt - versionsBefore.get(caseId)!).fill(was.deadline),
        ...Array<string>(version - recomputedAt + 1).fill(expected),
      ]);
      expect((await sys.request('GET', `/cases/${caseId}/integrity`, { token: supervisor })).body).toMatchObject({ ok: true });
    }

    // The board shows the new deadlines.
    await eventually(async () => {
      const board = (await sys.request('GET', '/sla/board', { token: supervisor })).body.items as { caseId: string; deadline: string }[];
      return provisional.every((id) => board.some((i) => i.caseId === id && i.deadline === endOf(nextWeekday(shanghaiDate(before.get(id)!.deadline)))));
    }, 15_000);

    // The port visa is untouched, and no case got a second recomputation.
    expect((await view(visa)).version).toBe(versionsBefore.get(visa));
    for (const caseId of provisional) expect(await recomputed(caseId)).toHaveLength(1);

    // The same dates again record nothing; other dates for the same year move the deadlines again, by event.
    const again = await sys.request('PUT', `/admin/calendar/${year}`, { token: admin, body: { holidays: [holiday], workdays: [], source: 'test notice' } });
    expect(again.body).toMatchObject({ changed: false, version: published.body.version });
    const second = nextWeekday(holiday);
    const corrected = await sys.request('PUT', `/admin/calendar/${year}`, {
      token: admin,
      body: { holidays: [holiday, second].filter((d) => yearOf(d) === year), workdays: [], source: 'corrected notice' },
    });
    expect(corrected.status).toBe(202);
    if (yearOf(second) === year) {
      for (const caseId of provisional) await eventually(async () => (await recomputed(caseId)).length === 2, 30_000);
    }

    const listed = await sys.request('GET', '/admin/calendar', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.current).toBe(corrected.body.version);
    expect(listed.body.publications.map((p: { source: string }) => p.source)).toEqual(['test notice', 'corrected notice']);
  }, 180_000);

  it('refuses bad input with a reason and changes nothing', async () => {
    const before = (await sys.request('GET', '/admin/calendar', { token: admin })).body.publications.length;
    const put = (year: string, body: unknown, token = admin) => sys.request('PUT', `/admin/calendar/${year}`, { token, body });
    const year = yearOf(shanghaiDate(Date.now())) + 1;

    const outside = await put(String(year), { holidays: [`${year + 1}-01-01`], workdays: [], source: 'notice' });
    expect(outside.status).toBe(422);
    expect(outside.body.detail).toMatch(new RegExp(`not in ${year}`));
    const both = await put(String(year), { holidays: [`${year}-02-01`], workdays: [`${year}-02-01`], source: 'notice' });
    expect(both.status).toBe(422);
    expect(both.body.detail).toMatch(/as a holiday and as a workday/);
    const twice = await put(String(year), { holidays: [`${year}-02-01`, `${year}-02-01`], workdays: [], source: 'notice' });
    expect(twice.status).toBe(422);
    const notADate = await put(String(year), { holidays: [`${year}-02-30`], workdays: [], source: 'notice' });
    expect(notADate.status).toBe(422);
    expect((await put(String(year), { holidays: 'all of them', source: 'notice' })).status).toBe(400);
    expect((await put(String(year), { holidays: [], workdays: [] })).status).toBe(400);
    expect((await put('twenty', { holidays: [], workdays: [], source: 'notice' })).status).toBe(400);
    const byCaseworker = await put(String(year), { holidays: [], workdays: [], source: 'notice' }, caseworker);
    expect(byCaseworker.status).toBe(403);
    for (const r of [outside, both, byCaseworker]) expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);

    expect((await sys.request('GET', '/admin/calendar', { token: admin })).body.publications).toHaveLength(before);
  }, 60_000);
});

describe('PUT /admin/calendar/{year}: a first ID card whose rolled issue deadline is provisional', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casework-calendar-cd-'));
    writeFileSync(join(dir, 'empty.json'), JSON.stringify({ years: {} }));
    sys = await startTestSystem('pglite', { CALENDAR_SEED_FILE: join(dir, 'empty.json') });
  }, 120_000);
  afterAll(() => sys?.stop());

  it('moves the 60-day issue deadline once its end year is published with that day as a holiday', async () => {
    const [admin, caseworker, supervisor] = await Promise.all([sys.token('admin', NATIONAL), sys.token('caseworker', OWN), sys.token('supervisor', OWN)]);
    const opened = await sys.request('POST', '/cases', {
      token: caseworker,
      body: {
        type: 'first-id-card',
        channel: 'window',
        receivingOffice: OWN,
        applicant: { name: '王小明', idNumber: '440106201002031238', birthDate: '2010-02-03' },
        materials: ['hukou booklet'],
        details: { hukouOffice: OWN, residenceOffice: OWN, delivery: 'pickup' },
      },
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const issue = async () =>
      ((await sys.request('GET', `/cases/${caseId}`, { token: supervisor })).body.sla as Sla[]).find((c) => c.clock === 'first-id-card-production')!;

    // 60 days after submission, rolled Mon–Fri past a weekend: the end year is unknown, so the deadline is provisional.
    const was = await issue();
    expect(was.provisional).toBe(true);
    const endDay = shanghaiDate(was.deadline);
    expect([0, 6]).not.toContain(dayOfWeek(endDay));

    // That end day published as a holiday: the deadline rolls to the next weekday, by one event, once.
    const published = await sys.request('PUT', `/admin/calendar/${yearOf(endDay)}`, {
      token: admin,
      body: { holidays: [endDay], workdays: [], source: 'test notice' },
    });
    expect(published.status).toBe(202);
    const events = async () =>
      ((await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as any[]).filter((e) => e.type === 'DeadlineRecomputed');
    const [event] = await eventually(async () => {
      const found = await events();
      return found.length > 0 && found;
    }, 30_000);
    const expected = endOf(nextWeekday(endDay));
    expect(event.data).toMatchObject({ clock: 'first-id-card-production', before: was.deadline, after: expected, calendarVersion: published.body.version });
    const now = await issue();
    expect(now).toMatchObject({ deadline: expected, provisional: yearOf(nextWeekday(endDay)) !== yearOf(endDay) });
    expect(await events()).toHaveLength(1);
  }, 120_000);
});
