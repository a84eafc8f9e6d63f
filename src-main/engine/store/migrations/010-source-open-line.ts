// A source whose content ended in a line without a newline keeps where that line starts, how it was counted and
// what the join knew before it (ingest/parse-file.ts: OpenLine), as JSON: if syslog was still writing it, the
// next ingest of the grown file reads it again, whole, and takes back what it added. NULL when the content
// ended with a newline, and in sources read before this step.
import type { Migration } from './migration';

export const sourceOpenLine: Migration = {
  version: 10,
  name: 'open last line of a source',
  sql: `ALTER TABLE source ADD COLUMN open_line TEXT;`,
};
