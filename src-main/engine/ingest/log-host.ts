// The server a log was written on, as syslog names it in each line (`Nov 12 10:00:01 mx1 dovecot[812]: ...`).
// Two files of one folder that name different servers are never copies of each other's lines, however many
// tries they share to the second (a swarm trying both MX hosts at once); two files of two folders are compared
// for copies when they name the same server (an extract kept apart from its log), or one of them names none or
// several, and then must share nearly all their rows: see store/repeated-streams.ts.

/** Lines of a head looked at for the host. */
const HEAD_LINES_FOR_HOST = 50;

// The stamp, the host, then the program's tag and a colon: rsyslog's traditional format, its RFC 3339 format, and
// journalctl's short and short-iso outputs. dovecot's own log file has no host (its stamp is followed by the
// process, `imap-login:`), nor have docker's or journalctl's cat output.
const SYSLOG_HOST = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)) ([^\s:[\]]+) [^\s:[\]]+(?:\[\d+\])?: /;

/**
 * The host the syslog lines of a file's head name, when they all name one; null when they name none, or
 * several (a central log host's file of many servers).
 */
export function logHost(head: Buffer): string | null {
  let host: string | null = null;
  for (const raw of head.toString('utf8').split('\n', HEAD_LINES_FOR_HOST)) {
    const named = SYSLOG_HOST.exec(raw)?.[1];
    if (named === undefined) continue;
    if (host !== null && named !== host) return null;
    host = named;
  }
  return host;
}
