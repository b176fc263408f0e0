import { createLocalLostCardList, RegistryUnavailable } from '../../activities/registries';

describe('the local national lost-card list', () => {
  it('lists a reported card once per case: asked again for the same case it answers the same entry', async () => {
    const list = createLocalLostCardList({ latencyMs: 0 });
    const request = { caseId: 'case-1', idNumber: '440106199003071231', office: '440104', reportedOn: '2026-11-25' };
    const first = await list.list(request);
    expect(first.entryNumber).toMatch(/^GS44010420261125\d{6}$/);
    expect(await list.list(request)).toEqual(first);
    expect(await list.isListed('440106199003071231')).toBe(true);
    expect(await list.isListed('440106198805051238')).toBe(false);
    const other = await list.list({ ...request, caseId: 'case-2', idNumber: '440106198805051238' });
    expect(other.entryNumber).not.toBe(first.entryNumber);
  });

  it('fails now and then like a remote register, listing nothing', async () => {
    const list = createLocalLostCardList({ latencyMs: 0, transientFailureRate: 1 });
    await expect(list.list({ caseId: 'c', idNumber: '440106199003071231', office: '440104', reportedOn: '2026-11-25' })).rejects.toBeInstanceOf(
      RegistryUnavailable,
    );
  });
});
