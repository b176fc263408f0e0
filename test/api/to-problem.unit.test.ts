import { toProblem } from '../../apps/api/problem/to-problem';

/** An error as @temporalio/client throws it for a gRPC status (what `isGrpcServiceError` recognises). */
const grpcError = (code: number, message = '') => Object.assign(new Error(message), { code, details: '', metadata: {} });

describe('Temporal errors as problems', () => {
  it.each([
    ['DEADLINE_EXCEEDED', 4],
    ['FAILED_PRECONDITION (workflow not ready: its task failed, the update was aborted)', 9],
    ['UNAVAILABLE', 14],
  ])('%s is a 503 naming Temporal, with Retry-After: retry under the same key', (_name, code) => {
    const { problem, unexpected } = toProblem(grpcError(code));
    expect({ status: problem.status, unexpected }).toEqual({ status: 503, unexpected: false });
    expect(problem).toMatchObject({ dependency: 'temporal', retryAfter: 5 });
  });

  it('another gRPC status is an internal error that says nothing of it', () => {
    const { problem, unexpected } = toProblem(grpcError(3, 'invalid argument: secret detail'));
    expect({ status: problem.status, unexpected }).toEqual({ status: 500, unexpected: true });
    expect(JSON.stringify(problem)).not.toMatch(/secret/);
  });
});
