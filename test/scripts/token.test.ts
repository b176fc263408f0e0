import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { jwtVerify } from 'jose';

const script = join(__dirname, '..', '..', 'scripts', 'token.mjs');
const secret = 'token-test-secret-0123456789abcdef';

function token(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, JWT_SECRET: secret },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function verify(jwt: string) {
  return jwtVerify(jwt, new TextEncoder().encode(secret), { issuer: 'casework-dev', audience: 'casework', algorithms: ['HS256'] });
}

describe('scripts/token.mjs', () => {
  it('prints exactly one HS256 token, signed with JWT_SECRET, with the requested claims', async () => {
    const result = token('--role', 'caseworker', '--office', '440106', '--sub', 'u-42', '--name', 'Li Lei', '--ttl', '2h');

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { payload, protectedHeader } = await verify(result.stdout.trim());
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'u-42', roles: ['caseworker'], office: '440106', name: 'Li Lei', iss: 'casework-dev', aud: 'casework' });
    expect(payload.exp! - payload.iat!).toBe(7200);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(60);
  });

  it('defaults the subject and a one-hour lifetime, and omits the name', async () => {
    const result = token('--role', 'sla-monitor', '--office', '000000');

    expect(result.status).toBe(0);
    const { payload } = await verify(result.stdout.trim());
    expect(payload.sub).toEqual(expect.any(String));
    expect(payload.roles).toEqual(['sla-monitor']);
    expect(payload).not.toHaveProperty('name');
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('marks the head of an office with --office-head, for a supervisor only', async () => {
    const head = token('--role', 'supervisor', '--office', '440106', '--office-head');
    expect(head.status).toBe(0);
    expect((await verify(head.stdout.trim())).payload).toMatchObject({ roles: ['supervisor'], office: '440106', officeHead: true });
    const plain = token('--role', 'supervisor', '--office', '440106');
    expect((await verify(plain.stdout.trim())).payload).not.toHaveProperty('officeHead');
    const caseworker = token('--role', 'caseworker', '--office', '440106', '--office-head');
    expect({ status: caseworker.status, stdout: caseworker.stdout }).toEqual({ status: 2, stdout: '' });
    expect(caseworker.stderr).toMatch(/--office-head is for a supervisor token only/);
  });

  it('does not verify with another secret', async () => {
    const { stdout } = token('--role', 'admin', '--office', '110000');
    await expect(jwtVerify(stdout.trim(), new TextEncoder().encode('another secret'))).rejects.toThrow();
  });

  it.each([
    ['an unknown role', ['--role', 'boss', '--office', '440106']],
    ['no role', ['--office', '440106']],
    ['an office that is not 6 digits', ['--role', 'caseworker', '--office', '4401']],
    ['an unknown option', ['--role', 'caseworker', '--office', '440106', '--bogus']],
    ['a malformed ttl', ['--role', 'caseworker', '--office', '440106', '--ttl', 'soon']],
    ['a ttl over the 12 h the server accepts', ['--role', 'caseworker', '--office', '440106', '--ttl', '13h']],
  ])('rejects %s with exit code 2, a message on stderr and nothing on stdout', (_case, args) => {
    const result = token(...args);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/usage: npm run --silent token/);
  });
});
