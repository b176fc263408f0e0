// History <-> proto JSON (the format of `temporal workflow show --output json`), for the replay test's fixtures and
// the histories the fault suite keeps. Not through @temporalio/common's historyToJSON/historyFromJSON: in this install
// @temporalio/common and @temporalio/proto each carry their own copy of protobufjs 8 (the root has 7.x for
// @grpc/proto-loader), so protojson's `type instanceof Type` check fails ("type must be a Type"). The protojson of the
// copy that @temporalio/proto is built with works, whatever the layout.
import { dirname } from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from @temporalio/proto's own dependency tree (see above)
const protojson: ProtoJson = require(require.resolve('protobufjs/ext/protojson', { paths: [dirname(require.resolve('@temporalio/proto/package.json'))] }));
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): unknown {
  return protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history));
}

/** A History object the replayer takes as is (it would otherwise parse JSON with the failing helper). */
export function historyFromJson(json: unknown): History {
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}
