/** Stream category: the stream id up to its first '-' (`case-42` → `case`). */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
