import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel as an encoded attribute, so the sealing codec seals them too
 * (a refusal's message may quote what was refused). Loaded by path, in the workflow sandbox as well.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
