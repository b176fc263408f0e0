// The pin of apps/runtime/workflow-sandbox: the installed SDK passes it, and any other version or any change
// to the SDK files it relies on stops the worker with a message that says what to check.
import { checkPinnedSdk, PINNED_SDK_VERSION } from '../../apps/runtime/workflow-sandbox';

describe('the workflow sandbox pin', () => {
  it('holds for the installed SDK', () => {
    expect(require('@temporalio/worker/package.json').version).toBe(PINNED_SDK_VERSION);
    expect(() => checkPinnedSdk()).not.toThrow();
  });

  it('refuses another SDK version', () => {
    expect(() => checkPinnedSdk({ version: '1.24.1' })).toThrow(
      /written for @temporalio\/worker 1\.24\.1; installed: 1\.24\.0\..*temporalio\/sdk-typescript#1587/,
    );
  });

  it('refuses changed SDK code', () => {
    expect(() => checkPinnedSdk({ files: { 'lib/workflow/reusable-vm.js': '0'.repeat(64) } })).toThrow('with changed lib/workflow/reusable-vm.js');
  });
});
