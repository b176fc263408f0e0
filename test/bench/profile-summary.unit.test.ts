import { categoryOf, summarise } from '../../bench/api/profile-summary';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

describe('bench/api/profile-summary', () => {
  it('names where a frame belongs', () => {
    expect(categoryOf(frame('(garbage collector)'))).toBe('garbage collection');
    expect(categoryOf(frame('activate', 'file:///srv/workflow-bundle-abc.js'))).toMatch(/^workflow bundle/);
    expect(categoryOf(frame('x', '/srv/node_modules/@temporalio/worker/lib/worker.js'))).toBe('Temporal SDK');
    expect(categoryOf(frame('x', '/srv/node_modules/pg-protocol/dist/index.js'))).toBe('pg driver');
    expect(categoryOf(frame('x', '/srv/node_modules/rxjs/dist/cjs/a.js'))).toBe('rxjs');
    expect(categoryOf(frame('append', '/srv/dist/event-store/postgres/store.js'))).toBe('ours: event-store/');
    expect(categoryOf(frame('emit', 'node:events'))).toBe('Node internals');
    expect(categoryOf(frame('writev'))).toBe('native: writev');
  });

  it('shares busy time after the skipped start, idle left out', () => {
    const nodes = [
      { id: 1, callFrame: frame('(idle)') },
      { id: 2, callFrame: frame('writev') },
      { id: 3, callFrame: frame('append', '/srv/dist/event-store/store.js') },
    ];
    // One sample a millisecond: 2 s of start-up (writev only), then writev 1 ms, append 3 ms, idle 5 ms.
    const samples = [...Array(2000).fill(2), 2, 3, 3, 3, 1, 1, 1, 1, 1, 1];
    const profile = { nodes, startTime: 0, samples, timeDeltas: samples.map(() => 1000) };
    const text = summarise(profile, 2, 5);
    expect(text).toMatch(/^busy 4 ms after the first 2 s\n/);
    expect(text).toContain(' 75.0%  ours: event-store/');
    expect(text).toContain(' 25.0%  native: writev');
    expect(text).not.toContain('idle');
  });
});
