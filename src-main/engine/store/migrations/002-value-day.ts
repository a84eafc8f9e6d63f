// Per-day rollups of user names and passwords, so that a brushed date range can list the values tried
// without reading attempt rows. A case saved before this step gets them filled from its attempt rows.
// value id 0 stands for "the log did not say" (a primary key column of a WITHOUT ROWID table cannot be NULL).
import type { Migration } from './migration';

/** Floor division of a wall-clock second by a day, as dayNumber (SQLite's / truncates towards zero before 1970). */
const DAY_OF_TS = '(ts - ((ts % 86400) + 86400) % 86400) / 86400';

export const valueDay: Migration = {
  version: 2,
  name: 'user and password day rollups',
  sql: `
CREATE TABLE user_day (
  day      INTEGER NOT NULL,
  user_id  INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  ips      INTEGER NOT NULL,
  PRIMARY KEY (day, user_id)
) WITHOUT ROWID;

CREATE TABLE password_day (
  day         INTEGER NOT NULL,
  password_id INTEGER NOT NULL,
  attempts    INTEGER NOT NULL,
  ips         INTEGER NOT NULL,
  PRIMARY KEY (day, password_id)
) WITHOUT ROWID;

INSERT INTO user_day (day, user_id, attempts, ips)
  SELECT ${DAY_OF_TS}, coalesce(user_id, 0), count(*), count(DISTINCT ip_id)
  FROM attempt_record GROUP BY 1, 2;
INSERT INTO password_day (day, password_id, attempts, ips)
  SELECT ${DAY_OF_TS}, coalesce(password_id, 0), count(*), count(DISTINCT ip_id)
  FROM attempt_record GROUP BY 1, 2;
`,
};
