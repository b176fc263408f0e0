import type { OpenCaseInput } from '../../domain';
import { recordParent, SAMPLE_OFFICES, type CaseSample, type SampleCaller } from './case-samples';
import { eventually, type TestSystem } from './system';

/**
 * A sample's opening for `n`, ready to lodge at the window of 440106 (test/support/case-samples.ts). For a type lodged
 * under a parent, the parent is opened there first and taken along its path by the caseworkers of the sample offices,
 * or, where the sample records it, appended to the system's store as a case lodged long enough ago; the opening names
 * it in `parentCaseId`.
 */
export async function lodgeableSample(sys: TestSystem, sample: CaseSample, n: number): Promise<OpenCaseInput> {
  if (!sample.parent) return sample.body(n);
  if (sample.parent.recorded) {
    const parentCaseId = await recordParent(sys.store, sample, n, { now: Date.now(), timeScale: sys.config.slaTimeScale });
    return { ...sample.body(n), parentCaseId };
  }
  const token = (caller: SampleCaller) => sys.token('caseworker', SAMPLE_OFFICES[caller]);
  const opened = await sys.request('POST', '/cases', { token: await token('window'), body: sample.parent.body(n) });
  if (opened.status !== 201) throw new Error(`the parent case was not opened: ${opened.status} ${opened.body.detail}`);
  const parentCaseId = opened.body.caseId as string;
  for (const step of sample.parent.path) {
    const caller = await token(step.caller);
    const offered = async () => ((await sys.request('GET', `/cases/${parentCaseId}`, { token: caller })).body.allowedActions as string[]).includes(step.action);
    await eventually(offered, 30_000);
    const done = await sys.request('POST', `/cases/${parentCaseId}/actions/${step.action}`, { token: caller, body: step.body ?? {} });
    if (done.status !== 200) throw new Error(`${step.action} on the parent case: ${done.status} ${done.body.detail}`);
  }
  return { ...sample.body(n), parentCaseId };
}
