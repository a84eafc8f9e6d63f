// How many of a source's attempt lines the system PAM module wrote (pam_unix(dovecot:auth) in auth.log), not
// dovecot: a source of such lines alone holds, in other words, tries that dovecot's own logs of its folder may
// hold too, also when those logs come in a later drop (store/repeated-streams.ts). Sources read before this
// step count none: they are taken for dovecot's.
import type { Migration } from './migration';

export const sourceSystemPam: Migration = {
  version: 8,
  name: 'system PAM lines of a source',
  sql: `ALTER TABLE source ADD COLUMN system_pam_lines INTEGER NOT NULL DEFAULT 0;`,
};
