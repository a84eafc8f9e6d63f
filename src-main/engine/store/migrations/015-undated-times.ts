// The times that a source's lines without any stamp were dated at, when no stamped line came before them: the
// file's last change (parse/types.ts: Undated). Every such line of a `journalctl -o cat` export lands on that one
// second, a pile that the incident search would take for the greatest swarm of the case; it leaves these rows out
// (query/incidents.ts), and the source's report says how many there are. A file read in parts (it grew) may have
// one time per part. The `attempt` and `login` views are not touched.
import type { Migration } from './migration';

export const undatedTimes: Migration = {
  version: 15,
  name: 'undated times',
  sql: `
CREATE TABLE undated_time (
  source_id INTEGER NOT NULL REFERENCES source (id),
  ts        INTEGER NOT NULL,
  lines     INTEGER NOT NULL,
  PRIMARY KEY (source_id, ts)
) WITHOUT ROWID;`,
};
