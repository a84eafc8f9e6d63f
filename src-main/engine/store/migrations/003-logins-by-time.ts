// Successful logins kept in time order, like attempts: a WITHOUT ROWID table keyed by (ts, id) needs no
// separate index on ts, which made each login cost a third more space and one more B-tree to keep up to date.
// Real mail logs hold far more successful logins than failures (every mail client checks in every few
// minutes). The `login` view is dropped and created again unchanged around the swap.
import type { Migration } from './migration';

export const loginsByTime: Migration = {
  version: 3,
  name: 'logins keyed by time',
  sql: `
DROP VIEW login;

CREATE TABLE login_record_by_time (
  ts         INTEGER NOT NULL,
  id         INTEGER NOT NULL,
  ip_id      INTEGER NOT NULL REFERENCES ip (id),
  user_id    INTEGER REFERENCES username (id),
  service_id INTEGER REFERENCES service (id),
  source_id  INTEGER NOT NULL REFERENCES source (id),
  line       INTEGER NOT NULL,
  PRIMARY KEY (ts, id)
) WITHOUT ROWID;
INSERT INTO login_record_by_time (ts, id, ip_id, user_id, service_id, source_id, line)
  SELECT ts, id, ip_id, user_id, service_id, source_id, line FROM login_record;
DROP TABLE login_record;
ALTER TABLE login_record_by_time RENAME TO login_record;
CREATE INDEX login_record_by_ip ON login_record (ip_id, ts);

CREATE VIEW login AS
SELECT strftime('%Y-%m-%d %H:%M:%S', l.ts, 'unixepoch') AS ts,
       strftime('%Y-%m-%d', l.ts, 'unixepoch') AS day,
       ip.ip AS ip,
       ip.country AS country,
       u.value AS user,
       s.value AS service,
       src.path AS source,
       l.line AS line
FROM login_record l
JOIN ip ON ip.id = l.ip_id
JOIN source src ON src.id = l.source_id
LEFT JOIN username u ON u.id = l.user_id
LEFT JOIN service s ON s.id = l.service_id;
`,
};
