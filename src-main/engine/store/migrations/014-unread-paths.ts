// The paths an ingest was given but read no lines of, and why: a missing file, one that could not be read, a
// binary file or an empty one found in a folder, a pipe or a lock file passed over. Before this step they were
// said once, in the ingest's report, and were gone from the case after a save: a case must account for every
// file the analyst gave it. One row per path (a path met again replaces its row); a path read later leaves the
// table (store/unread-paths.ts). Sources are not touched, nor the `attempt` and `login` views.
import type { Migration } from './migration';

export const unreadPaths: Migration = {
  version: 14,
  name: 'unread paths',
  sql: `
CREATE TABLE unread_path (
  path    TEXT PRIMARY KEY,
  kind    TEXT NOT NULL CHECK (kind IN ('error', 'passed-over', 'skipped')),
  reason  TEXT NOT NULL,
  bytes   INTEGER,
  mtime   REAL,
  met_at  TEXT NOT NULL
) WITHOUT ROWID;`,
};
