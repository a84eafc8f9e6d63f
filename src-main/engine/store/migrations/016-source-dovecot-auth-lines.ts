// How many of a source's attempt lines were dovecot's auth process's (`auth: passwd-file(u,ip): unknown user`).
// A file of a log's login-process lines alone (an extract: `grep 'auth failed' mail.log`) says again what that
// log's joined rows say, at the login line's time and without the password: its rows are matched to the log's
// apart (store/repeated-streams.ts: removeLoginLineEchoes), which needs to know which files hold auth lines and
// which hold none. NULL for sources read before this step: not known, so never taken for either.
import type { Migration } from './migration';

export const sourceDovecotAuthLines: Migration = {
  version: 16,
  name: 'dovecot auth lines of a source',
  sql: `ALTER TABLE source ADD COLUMN dovecot_auth_lines INTEGER;`,
};
