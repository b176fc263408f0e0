import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where a process's busy time went, from the V8 CPU profiles `BENCH_PROFILE=<dir> npm run bench:api` writes:
 * `node scripts/run.mjs bench/api/profile-summary <dir or .cpuprofile> [seconds to skip, default 15]`.
 * Self time only (the time a function itself ran), start-up left out, idle left out; by category (the workflow
 * bundle, the Temporal SDK, rxjs, pg, grpc-js, our code by folder, Node's internals, garbage collection, native
 * frames by name), then the functions that took most. Written here rather than taken from a viewer so that the
 * shares the README quotes can be printed again from a profile by anyone.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const NOT_BUSY = new Set(['(idle)', '(program)']);

/** A frame's category: what the README's "where the time goes" paragraphs count. */
export function categoryOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (url.includes('workflow-bundle')) return 'workflow bundle (SDK workflow runtime + our workflows and domain)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (nm?.startsWith('@temporalio/')) return 'Temporal SDK';
  if (nm === 'pg' || nm === 'pg-protocol' || nm === 'pg-pool') return 'pg driver';
  if (nm) return nm;
  const ours = /\/dist\/([^/]+)\//.exec(url)?.[1];
  if (ours) return `ours: ${ours}/`;
  if (url.startsWith('node:')) return 'Node internals';
  if (url === '') return `native: ${functionName || '(anonymous)'}`;
  return 'other';
}

export function summarise(profile: CpuProfile, skipSeconds: number, top: number): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const from = profile.startTime + skipSeconds * 1e6;
  let at = profile.startTime;
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    // A sample's time is the interval up to the next one.
    const spent = profile.timeDeltas[i + 1] ?? 0;
    const frame = nodes.get(profile.samples[i])?.callFrame;
    if (at <= from || !frame || NOT_BUSY.has(frame.functionName)) continue;
    busy += spent;
    const category = categoryOf(frame);
    byCategory.set(category, (byCategory.get(category) ?? 0) + spent);
    const where = frame.url === '' ? '' : ` ${frame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + spent);
  }
  const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const sorted = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `busy ${(busy / 1e3).toFixed(0)} ms after the first ${skipSeconds} s`,
    ...sorted(byCategory, 20).map(([k, v]) => `${share(v)}  ${k}`),
    'functions (self time):',
    ...sorted(byFunction, top).map(([k, v]) => `${share(v)}  ${k}`),
  ].join('\n');
}

function main(): void {
  const [target, skip = '15'] = process.argv.slice(2);
  if (!target) throw new Error('usage: node scripts/run.mjs bench/api/profile-summary <dir or file.cpuprofile> [seconds to skip]');
  const path = resolve(target);
  const files = path.endsWith('.cpuprofile')
    ? [path]
    : readdirSync(path)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(path, f));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    console.log(`== ${file}\n${summarise(profile, Number(skip), Number(process.env.PROFILE_TOP ?? 30))}\n`);
  }
}

if (require.main === module) main();
