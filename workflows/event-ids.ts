import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * The id of the event a workflow run appends at `version` of its stream: a name-based UUID (RFC 9562 version 8) of the
 * run, the stream and the version. It depends on nothing a workflow task saw before the append, so a task retried after
 * its append committed (its completion lost) gives the same version the same id, whatever else the retry handles
 * first; and the events after a stale expected version are known as this run's own by their ids alone. `run` is the
 * run chain's first run id (workflowInfo().firstExecutionRunId): unique, and the same in every attempt of a task.
 * (@noble/hashes: the workflow sandbox has no node:crypto.)
 */
export function eventIdAt(run: string, streamId: string, version: number): string {
  const hex = bytesToHex(sha256(utf8ToBytes(`${run}\n${streamId}\n${version}`)))
    .slice(0, 32)
    .split('');
  hex[12] = '8'; // version 8: custom
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16); // variant 10
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
