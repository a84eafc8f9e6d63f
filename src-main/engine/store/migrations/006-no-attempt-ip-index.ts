// Attempts lose their index by address. The IP detail was its only reader: it now finds an address's attempts
// through the ip_day rollup (which says on which days, and between which seconds, the address tried) and the
// attempt table's time key. The index took a quarter of a case's memory (25 MB per million attempts) and a
// second per million attempts to rebuild after each ingest, before the first IP detail and each save.
import type { Migration } from './migration';

export const noAttemptIpIndex: Migration = {
  version: 6,
  name: 'no index of attempts by address',
  sql: `DROP INDEX IF EXISTS attempt_record_by_ip;`,
};
