// What the session join knew of the last sessions of a file when its reading stopped, so that the rest of
// the file, read by a later ingest (a log that grew), is joined across the cut: a login line just after it
// then does not count again the auth lines just before it. JSON (session-join.ts SessionMemory[]); NULL for
// sources read before this step, whose next part is joined as before.
import type { Migration } from './migration';

export const joinMemory: Migration = {
  version: 4,
  name: 'join memory of sources',
  sql: `ALTER TABLE source ADD COLUMN join_memory TEXT;`,
};
