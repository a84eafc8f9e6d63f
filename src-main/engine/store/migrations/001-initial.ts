// The first schema. Attempt rows hold integers only; every text (ip, user, password, service, file path)
// lives once in its own table. Rollups are kept up to date by the store on every batch, so that date-range
// questions never read attempt rows. docs/schema.md explains each table, index and view.
import { APPLICATION_ID, type Migration } from './migration';

export const initial: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
PRAGMA application_id = ${APPLICATION_ID};

CREATE TABLE geo_db (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  build_date TEXT NOT NULL,
  licence    TEXT NOT NULL,
  path       TEXT NOT NULL,
  bundled    INTEGER NOT NULL,
  UNIQUE (name, kind, build_date)
);

CREATE TABLE source (
  id             INTEGER PRIMARY KEY,
  path           TEXT NOT NULL,
  encoding       TEXT NOT NULL,
  head_hash      TEXT NOT NULL,
  mtime          REAL NOT NULL,
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  content_hash   TEXT,
  content_bytes  INTEGER NOT NULL DEFAULT 0,
  bytes          INTEGER NOT NULL DEFAULT 0,
  lines          INTEGER NOT NULL DEFAULT 0,
  attempt_lines  INTEGER NOT NULL DEFAULT 0,
  login_lines    INTEGER NOT NULL DEFAULT 0,
  ignored_lines  INTEGER NOT NULL DEFAULT 0,
  unparsed_lines INTEGER NOT NULL DEFAULT 0,
  attempts       INTEGER NOT NULL DEFAULT 0,
  logins         INTEGER NOT NULL DEFAULT 0,
  skipped        INTEGER NOT NULL DEFAULT 0,
  first_ts       TEXT,
  last_ts        TEXT,
  notes          TEXT NOT NULL DEFAULT '[]',
  warnings       TEXT NOT NULL DEFAULT '[]',
  errors         TEXT NOT NULL DEFAULT '[]',
  unparsed       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX source_head_hash ON source (head_hash);

CREATE TABLE ip (
  id        INTEGER PRIMARY KEY,
  ip        TEXT NOT NULL,
  sort_key  BLOB NOT NULL UNIQUE,
  version   INTEGER NOT NULL,
  scope     TEXT NOT NULL,
  country   TEXT,
  asn       INTEGER,
  as_org    TEXT,
  geo_db_id INTEGER REFERENCES geo_db (id)
);

CREATE TABLE username (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE password (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE service  (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);

CREATE TABLE attempt_record (
  ts          INTEGER NOT NULL,
  id          INTEGER NOT NULL,
  ip_id       INTEGER NOT NULL REFERENCES ip (id),
  user_id     INTEGER REFERENCES username (id),
  password_id INTEGER REFERENCES password (id),
  service_id  INTEGER REFERENCES service (id),
  source_id   INTEGER NOT NULL REFERENCES source (id),
  line        INTEGER NOT NULL,
  PRIMARY KEY (ts, id)
) WITHOUT ROWID;
-- Dropped while attempts are added and rebuilt for the IP detail and on save: see case-store.ts.
CREATE INDEX attempt_record_by_ip ON attempt_record (ip_id, ts, user_id);

CREATE TABLE login_record (
  id         INTEGER PRIMARY KEY,
  ts         INTEGER NOT NULL,
  ip_id      INTEGER NOT NULL REFERENCES ip (id),
  user_id    INTEGER REFERENCES username (id),
  service_id INTEGER REFERENCES service (id),
  source_id  INTEGER NOT NULL REFERENCES source (id),
  line       INTEGER NOT NULL
);
CREATE INDEX login_record_ts ON login_record (ts);
CREATE INDEX login_record_by_ip ON login_record (ip_id, ts);

CREATE TABLE ip_day (
  day      INTEGER NOT NULL,
  ip_id    INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts  INTEGER NOT NULL,
  PRIMARY KEY (day, ip_id)
) WITHOUT ROWID;

CREATE TABLE day_country (
  day      INTEGER NOT NULL,
  country  TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  ips      INTEGER NOT NULL,
  PRIMARY KEY (day, country)
) WITHOUT ROWID;

CREATE TABLE hour_country (
  hour     INTEGER NOT NULL,
  country  TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (hour, country)
) WITHOUT ROWID;

CREATE VIEW attempt AS
SELECT strftime('%Y-%m-%d %H:%M:%S', a.ts, 'unixepoch') AS ts,
       strftime('%Y-%m-%d', a.ts, 'unixepoch') AS day,
       ip.ip AS ip,
       ip.country AS country,
       u.value AS user,
       p.value AS password,
       s.value AS service,
       src.path AS source,
       a.line AS line
FROM attempt_record a
JOIN ip ON ip.id = a.ip_id
JOIN source src ON src.id = a.source_id
LEFT JOIN username u ON u.id = a.user_id
LEFT JOIN password p ON p.id = a.password_id
LEFT JOIN service s ON s.id = a.service_id;

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
