#!/usr/bin/env node
// Prints one signed development JWT (HS256) on stdout and nothing else:
//   npm run --silent token -- --role caseworker --office 440106 [--sub u1] [--name "Li Lei"] [--ttl 1h] [--office-head]
// The key is the UTF-8 bytes of JWT_SECRET (else of the secret file, see scripts/lib/dev-secret.mjs).
import { parseArgs } from 'node:util';
import { ensureDependencies } from './lib/deps.mjs';
import { ensureDevSecret } from './lib/dev-secret.mjs';
import { runMain, SetupError } from './lib/log.mjs';

const ROLES = ['caseworker', 'supervisor', 'sla-monitor', 'applicant', 'admin'];
const ISSUER = 'casework-dev';
const AUDIENCE = 'casework';

const USAGE = `usage: npm run --silent token -- --role <${ROLES.join('|')}> --office <6 digits> [--sub <id>] [--name <name>] [--id-number <18 chars>] [--passport-no <no>] [--ttl <1h|30m|12h|3600>] [--office-head]`;

function usageError(message) {
  return new SetupError(`${message}\n${USAGE}`, 2);
}

/** Validated claims and lifetime from the command line; throws a SetupError (exit 2) when invalid. */
function parseTokenArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        office: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        'id-number': { type: 'string' },
        'passport-no': { type: 'string' },
        ttl: { type: 'string', default: '1h' },
        'office-head': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw usageError(error.message);
  }
  const { role, office, sub, name, ttl } = values;
  const officeHead = values['office-head'];
  const idNumber = values['id-number'];
  const passportNo = values['passport-no'];
  if (idNumber !== undefined && !/^\d{17}[\dXx]$/.test(idNumber))
    throw usageError(`--id-number must be an 18-character resident ID number (got ${idNumber.length} characters)`);
  if (passportNo !== undefined && !/^[A-Za-z0-9]{5,20}$/.test(passportNo)) throw usageError('--passport-no must be 5-20 letters and digits');
  if (!role || !ROLES.includes(role)) throw usageError(`--role must be one of ${ROLES.join(', ')} (got ${role ?? 'nothing'})`);
  if (!office || !/^\d{6}$/.test(office)) throw usageError(`--office must be a 6-digit division code (got ${office ?? 'nothing'})`);
  // The head of an office approves extensions and statutory pauses (docs/api.md): only a supervisor is one.
  if (officeHead && role !== 'supervisor') throw usageError('--office-head is for a supervisor token only');
  if (sub !== undefined && !sub.trim()) throw usageError('--sub must not be empty');
  if (!/^\d+\s*(s|m|h|d)?$/.test(ttl)) throw usageError(`--ttl must be a number of seconds or like 30m, 1h, 12h (got ${ttl})`);
  const ttlSeconds = Number(ttl.match(/^\d+/)[0]) * { s: 1, m: 60, h: 3600, d: 86400 }[ttl.match(/[smhd]$/)?.[0] ?? 's'];
  if (ttlSeconds <= 0) throw usageError('--ttl must be positive');
  // The server refuses tokens that live longer (config/config.ts, TOKEN_MAX_LIFETIME_HOURS).
  const maxHours = Number(process.env.TOKEN_MAX_LIFETIME_HOURS || 12);
  if (ttlSeconds > maxHours * 3600) throw usageError(`--ttl must be at most ${maxHours}h: the server refuses longer-lived tokens (got ${ttl})`);
  return {
    // An applicant's token names the person lodging: the API lets them lodge for that person only.
    claims: {
      roles: [role],
      office,
      ...(name ? { name } : {}),
      ...(idNumber ? { idNumber: idNumber.toUpperCase() } : {}),
      ...(passportNo ? { passportNo: passportNo.toUpperCase() } : {}),
      ...(officeHead ? { officeHead: true } : {}),
    },
    subject: sub ?? `dev-${role}-${office}`,
    ttlSeconds,
  };
}

async function main() {
  const { claims, subject, ttlSeconds } = parseTokenArgs(process.argv.slice(2));
  await ensureDependencies();
  const secret = ensureDevSecret();
  const { SignJWT } = await import('jose');
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
  process.stdout.write(`${token}\n`);
}

runMain(main);
