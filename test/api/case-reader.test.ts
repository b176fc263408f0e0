import { randomUUID } from 'node:crypto';
import { CaseReader, replay } from '../../apps/api/cases/case-reader';
import { caseTypeModule, decideAction, type CaseEvent, type CaseState } from '../../domain';
import { recordedCaseBatch } from '../support/recorded-permit';
import { streamIdOf } from '../../workflows/definitions';
import { openPostgres } from '../event-store/support/adapters';
import { caseworker, multiEntryVisaAt, opened, testEnv } from '../domain/support/given';

/**
 * The reader keeps each case it folded and reads only the events appended since (issue 15: every command's
 * access check read and folded the whole stream). What it answers must stay what a full replay answers,
 * whoever appended meanwhile (the workflow, another API replica).
 */
describe('CaseReader', () => {
  const module = caseTypeModule('multi-entry-visa');
  const officer = caseworker('440106');
  let adapter: Awaited<ReturnType<typeof openPostgres>>;
  beforeAll(async () => {
    adapter = await openPostgres();
  });
  afterAll(() => adapter?.dispose());

  /** Appends decided events as the workflow does: the business instant and clock facts in the metadata. */
  const append = (caseId: string, events: CaseEvent[]) => adapter.store.append(streamIdOf(caseId), recordedCaseBatch(events, officer));
  const fullReplay = async (caseId: string) => replay(await adapter.store.readStream(streamIdOf(caseId)));
  const act = (state: CaseState, action: string, at: string) => decideAction(module, state, action, {}, { actor: officer, at, ...testEnv });

  it('answers what a full replay answers after events appended by someone else', async () => {
    // Given a case the reader has folded once
    const caseId = randomUUID();
    const reader = new CaseReader(adapter.store);
    await append(caseId, opened(module, multiEntryVisaAt('440106'), officer, '2026-11-25T02:00:00.000Z', caseId));
    const first = await reader.load(caseId);
    expect(first).toEqual(await fullReplay(caseId));

    // When the workflow appends more without the reader being asked
    await append(caseId, act(first, 'accept', '2026-11-25T03:00:00.000Z'));
    const accepted = await reader.load(caseId);

    // Then the reader's state is the replay's, at the new version
    expect(accepted.version).toBeGreaterThan(first.version);
    expect(accepted).toEqual(await fullReplay(caseId));
    expect(accepted.status).toBe('accepted');

    // and nothing new leaves it as it was
    expect(await reader.load(caseId)).toBe(accepted);
  });

  it('replays past states in full, and keeps the current one current', async () => {
    // Given a case with two versions, read at its latest
    const caseId = randomUUID();
    const reader = new CaseReader(adapter.store);
    await append(caseId, opened(module, multiEntryVisaAt('440106'), officer, '2026-11-25T02:00:00.000Z', caseId));
    const lodged = await fullReplay(caseId);
    await append(caseId, act(lodged!, 'accept', '2026-11-25T03:00:00.000Z'));
    const latest = await reader.load(caseId);

    // When a past version is read
    const past = await reader.load(caseId, { toVersion: lodged!.version });

    // Then it is that version, and the current read is still the latest
    expect(past).toEqual(lodged);
    expect(await reader.load(caseId)).toEqual(latest);
  });

  it('says 404 for a case without events, and forgets the oldest case when full', async () => {
    const reader = new CaseReader(adapter.store, 1);
    await expect(reader.load(randomUUID())).rejects.toMatchObject({ status: 404 });

    // Given two cases read by a reader that keeps one
    const [a, b] = [randomUUID(), randomUUID()];
    for (const id of [a, b]) await append(id, opened(module, multiEntryVisaAt('440106'), officer, '2026-11-25T02:00:00.000Z', id));
    await reader.load(a);
    await reader.load(b);

    // When the forgotten one changes, it is replayed in full: still current
    await append(a, act((await fullReplay(a))!, 'accept', '2026-11-25T03:00:00.000Z'));
    expect(await reader.load(a)).toEqual(await fullReplay(a));
  });
});
