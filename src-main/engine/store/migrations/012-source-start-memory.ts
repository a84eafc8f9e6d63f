// What the session join knew of the sessions of a source's first minutes whose login line counted tries without
// their auth lines (parse/session-join.ts: startMemory), as JSON. A rotation cuts such a connection: its auth lines
// end the file before, and when that file is read by a later ingest (mail.log today, mail.log.1 next week), they
// are found to be the tries counted then. NULL for sources read before this step.
import type { Migration } from './migration';

export const sourceStartMemory: Migration = {
  version: 12,
  name: 'join memory of the start of a source',
  sql: `ALTER TABLE source ADD COLUMN start_memory TEXT;`,
};
