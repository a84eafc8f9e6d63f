// A log line kept as a JSON object, as some exports keep them, turned back into the syslog line the formats
// read: the message, after its time (and the host and program, where the object names them).
//  - docker's json-file driver (`/var/lib/docker/containers/<id>/<id>-json.log`, what `docker logs` reads):
//    {"log":"Nov 12 10:00:01 mail dovecot: imap-login: ...\n","stream":"stderr","time":"2023-11-12T10:00:01.1Z"}
//  - `journalctl -o json`: {"__REALTIME_TIMESTAMP":"1699783201000000","_HOSTNAME":"mail",
//    "SYSLOG_IDENTIFIER":"dovecot","MESSAGE":"imap-login: ...", ...}
//  - shippers' JSON (rsyslog's json templates, Vector, Fluent Bit): `message` or `msg`, with `@timestamp`,
//    `timestamp` or `time`, and `host` or `hostname`.
// The message's own stamp is kept when it has one (a container's syslog line); otherwise the object's time,
// which these exports write in UTC, stands before it.

/** What an unwrapped line has for the host, after its time, when the object names none. */
const NO_HOST = '- ';

/** A message after its stamp, without NO_HOST where an unwrapped line has it. */
export function withoutNoHost(afterStamp: string): string {
  return afterStamp.startsWith(NO_HOST) ? afterStamp.slice(NO_HOST.length) : afterStamp;
}

/** The syslog-like line a JSON log line holds, or null when the line is no such object. */
export function unwrapStructuredLine(line: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  const message = textOf(o.MESSAGE ?? o.log ?? o.message ?? o.msg);
  if (message === null) return null;
  const text = message.replace(/\r?\n$/, '');
  if (STARTS_WITH_STAMP.test(text)) return text;
  const time = timeOf(o);
  if (time === null) return text;
  const host = textOf(o._HOSTNAME ?? o.host ?? o.hostname);
  const program = textOf(o.SYSLOG_IDENTIFIER ?? o._COMM);
  const pid = textOf(o.SYSLOG_PID ?? o._PID);
  const tag = program === null ? '' : `${program}${pid === null ? '' : `[${pid}]`}: `;
  return `${time} ${host === null ? NO_HOST : `${host} `}${tag}${text}`;
}

/**
 * How `journalctl -o json` (no space) or a tool that rewrote its lines (a space) starts a MESSAGE written as an
 * array of bytes, as journald writes one that is not valid UTF-8 (a Latin-1 user name or password) or holds
 * control characters: its words are numbers in the line, so the ingest's keyword scan looks for these instead.
 */
export const JOURNAL_BYTES_MESSAGE_STARTS: readonly string[] = ['"MESSAGE":[', '"MESSAGE": ['];

/** A syslog stamp (an English month name, a day) or a date with its year, at the start of a message. */
const STARTS_WITH_STAMP = /^(?:[A-Z][a-z]{2} [ \d]\d |\d{4}-\d\d-\d\d[T ]\d\d:\d\d)/;

/** journald writes MESSAGE as an array of bytes when it is not valid UTF-8. */
function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.length <= 1 << 16 && v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return Buffer.from(v as number[]).toString('utf8');
  return null;
}

/** The object's time as an RFC 3339 stamp the stamp reader takes, or null. */
function timeOf(o: Record<string, unknown>): string | null {
  const micros = textOf(o.__REALTIME_TIMESTAMP);
  if (micros !== null && /^\d{1,17}$/.test(micros)) {
    const date = new Date(Number(micros) / 1000);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const stamp = textOf(o.time ?? o['@timestamp'] ?? o.timestamp);
  return stamp !== null && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)$/.test(stamp) ? stamp : null;
}
