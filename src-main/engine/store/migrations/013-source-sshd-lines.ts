// How many of a source's attempt lines were sshd's. An auth.log holds the system PAM module's lines on dovecot's
// tries beside sshd's own: the PAM lines are still the same tries as dovecot's in mail.log, matched to them
// apart (store/repeated-streams.ts), and the sshd lines never are. Sources read before this step count none.
import type { Migration } from './migration';

export const sourceSshdLines: Migration = {
  version: 13,
  name: 'sshd lines of a source',
  sql: `ALTER TABLE source ADD COLUMN sshd_lines INTEGER NOT NULL DEFAULT 0;`,
};
