// The server a source's syslog lines name (ingest/log-host.ts), or NULL: two files of one folder that name
// different servers are not taken for copies of each other (store/repeated-streams.ts). Sources read before
// this step name none, and are compared as before.
import type { Migration } from './migration';

export const sourceHost: Migration = {
  version: 11,
  name: 'host of a source',
  sql: `ALTER TABLE source ADD COLUMN host TEXT;`,
};
