// How many of a source's attempt lines were postfix's word on a failed SMTP AUTH (`SASL LOGIN authentication
// failed`). A source of such lines alone (mail.warn, where rsyslog writes mail warnings; mail.log beside
// dovecot's own log_path file) holds tries that dovecot's logs of its folder may hold too, also when those
// logs come in a later drop (store/repeated-streams.ts). Sources read before this step count none.
import type { Migration } from './migration';

export const sourcePostfixSasl: Migration = {
  version: 9,
  name: 'postfix SASL lines of a source',
  sql: `ALTER TABLE source ADD COLUMN postfix_sasl_lines INTEGER NOT NULL DEFAULT 0;`,
};
