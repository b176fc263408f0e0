import { Writable } from 'node:stream';
import { createLogger } from '../../apps/runtime/logger';

// Errors in the logs: kind, code and where, never what the error quotes of the data.
describe('logger: errors', () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { log: createLogger('info', 'logger-test', destination), lines };
  };

  it('logs a driver error by its kind, code and frames, without its message or fields that quote the data', () => {
    const { log, lines } = capture();
    // As node-postgres raises a unique violation: the message and `detail` name the value.
    const error = Object.assign(new Error('duplicate key value violates unique constraint "cases_applicant"'), {
      name: 'DatabaseError',
      code: '23505',
      detail: 'Key (applicant_id)=(440105199001011234) already exists.',
    });
    log.error({ err: error, projection: 'cases' }, 'projection error');
    log.child({ component: 'child' }).warn({ err: error }, 'from a child logger');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const entry = JSON.parse(line) as { err: Record<string, unknown> };
      expect(Object.keys(entry.err).sort()).toEqual(['code', 'stack', 'type']);
      expect(entry.err).toMatchObject({ type: 'DatabaseError', code: '23505', stack: expect.stringMatching(/^\s+at /) });
      expect(line).not.toMatch(/440105199001011234|duplicate key|applicant_id/);
    }
  });

  it('names what was thrown when it is not an Error', () => {
    const { log, lines } = capture();
    log.warn({ err: 'a string with 张三 in it' }, 'odd throw');
    expect(JSON.parse(lines[0]).err).toEqual({ type: 'string', stack: '' });
  });
});
