import type { Database } from '../sqlite';

/** Marks a SQLite file as a Swarmscope case (`PRAGMA application_id`), the bytes of 'Swsc'. */
export const APPLICATION_ID = 0x53777363;

/** One schema step. `version` is the PRAGMA user_version the database has once the step is applied. */
export interface Migration {
  version: number;
  name: string;
  /** Statements run in one transaction... */
  sql?: string;
  /** ...and/or code, for steps that move data. Runs inside the same transaction, after `sql`. */
  up?: (db: Database) => void;
}
