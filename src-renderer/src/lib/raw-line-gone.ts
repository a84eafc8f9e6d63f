// What the raw-line viewer shows where a line it could not give back would be: never another line in its place.
import type { RawLine } from '../../../src-main/shared/api';

/** Why `raw` (whose text is null) is not shown, as text. */
export function rawLineGone(raw: RawLine): string {
  if (raw.status !== 'replaced') return '(file no longer readable)';
  // The time the case read it, in UTC as the engine recorded it: which reading of the path the line was in.
  const readOn = raw.readAt ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(raw.readAt) : null;
  const line = readOn ? `the line the case read on ${readOn[1]} ${readOn[2]} UTC` : 'the line the case read';
  return `(the file at this path now holds other content: ${line} is no longer there)`;
}
