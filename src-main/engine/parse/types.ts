// What the line parser tells the ingest pipeline. Timestamps are the log's wall-clock time as seconds
// since 1970-01-01 00:00:00, read as if it were UTC (no zone is applied: the log's own clock is the truth).

/**
 * Which process wrote a line: dovecot's auth process knows the password, its login process the service; the system
 * PAM module and a mail server taking SMTP AUTH (postfix, which asks dovecot's auth process or cyrus-sasl; Exim,
 * which asks dovecot or its own authenticator) write their own word on a try. sshd writes one
 * `Failed <method> for ...` line per try (`sshd`), and other lines that tell of a failed login without being a
 * try's own line (`sshd-sign`: `Invalid user`, `maximum authentication attempts exceeded`...), which count only
 * for a connection without a try (parse/ssh-connections.ts).
 */
export type Origin = 'auth' | 'login' | 'system-pam' | 'postfix-sasl' | 'exim-auth' | 'sshd' | 'sshd-sign';

/**
 * A mail server's line on a failed SMTP AUTH try (postfix's or Exim's): written once the authenticator answered,
 * without dovecot's session id, it is the same try as a session-less dovecot auth line of its address just
 * before, where dovecot logged one (auth_verbose=yes), and the try's only trace otherwise.
 */
export function isSmtpAuthOrigin(origin: Origin): boolean {
  return origin === 'postfix-sasl' || origin === 'exim-auth';
}

/** One failed credential check, as the auth process (or system PAM) logs it. */
export interface AuthFailure {
  kind: 'auth-fail';
  ts: number;
  ip: string;
  user: string | null;
  /** Only when `auth_verbose_passwords` is on. `SHA1 of given password: f638ff` is kept as `sha1:f638ff`. */
  password: string | null;
  /**
   * The login process session id (`<CvN+E95Uf4e7eEnj>`), when the line carries one; for sshd lines, sshd's process
   * id, or, for a line without one, `:` and the client's port when it names one (ssh-connections.ts: SSH_PORT_MARK).
   */
  session: string | null;
  /** `imap`, `pop3`, ... when the line says so (most auth lines do not). */
  service: string | null;
  origin: Origin;
  /** How it was dated when its line had no time stamp: its `ts` says where it was written down, not when it came. */
  undated?: Undated;
  /**
   * sshd lines only: the host the syslog line names ('' when it names none). A connection is one host's process,
   * and each host's clock orders its own lines (a central log's hosts may be minutes or time zones apart).
   */
  host?: string;
}

/** A login-process line that closes a connection after N failed tries. */
export interface LoginFailure {
  kind: 'login-fail';
  ts: number;
  ip: string;
  user: string | null;
  session: string | null;
  service: string | null;
  /** N of `N attempts`; 1 when the line does not count. */
  attempts: number;
  /** T of `in T secs`, when given. */
  secs: number | null;
  /**
   * The line's try was refused for the account (`(user disabled)`): no auth line that a format reads stands for
   * it, so it counts on top of the tries its session's auth lines stand for (FormatSpec.ownTry).
   */
  ownTry?: boolean;
  /** As AuthFailure's. */
  undated?: Undated;
}

/** A successful login. */
export interface LoginSuccess {
  kind: 'login-ok';
  ts: number;
  ip: string;
  user: string | null;
  session: string | null;
  service: string | null;
  /** As AuthFailure's. */
  undated?: Undated;
}

export type AuthEvent = AuthFailure | LoginFailure | LoginSuccess;

/** What syslog-ng's repeat line names of the message it repeats. */
export interface QuotedMessage {
  /** The message's first 20 bytes (a character they cut shows as U+FFFD). */
  head: string;
  /** The program (syslog tag without its pid) the line is written for; null when it names none. */
  program: string | null;
}

/** The verdict on one line. Every line gets exactly one. */
export type LineVerdict =
  /** `times` > 1 for a line that stands for several alike (rsyslog's `message repeated N times: [ ... ]`). */
  | { kind: 'event'; event: AuthEvent; times?: number }
  /**
   * BSD syslogd's `last message repeated N times`: the line before it in the file came N more times, the last at
   * `ts`. Only the caller knows that line (parse-file.ts). syslog-ng's `Last message '<head>' repeated N times,
   * suppressed by syslog-ng on <host>` says which message it repeats (`quoted`): the line before only when that
   * line is this program's message starting with that head (line-parser.ts: quotesMessageOf).
   */
  | { kind: 'repeat'; times: number; ts: number; quoted?: QuotedMessage }
  /** Understood and not an attempt (deliveries, `no auth attempts`, TLS errors, other programs...). */
  | { kind: 'ignored' }
  /** Looks like an authentication failure but no format could read it: shown to the user with samples. */
  | { kind: 'unparsed' }
  /** Unparsed for a reason the file's report explains. */
  | { kind: 'unparsed'; reason: UnparsedReason };

/**
 * How a login or failed login line without any time stamp (`journalctl -o cat`, `-o short-monotonic`, a copy that
 * lost its stamps) was dated: at the stamp of the line before it in the file (`line-before`), or, with none before,
 * at the file's last change (`file-time`), the one time known to come after it.
 */
export type Undated = 'line-before' | 'file-time';

/**
 * `no-timestamp`: a line that reads as a login or failed login, whose stamp Swarmscope does not read (a date
 * with slashes, which is day first in one country and month first in another): it is not guessed.
 * `host-name`: a failed login whose client sshd names by host name, not address (`UseDNS yes`).
 */
export type UnparsedReason = 'no-timestamp' | 'host-name';

/** One counted credential try, after the session join. */
export interface AttemptRecord {
  ts: number;
  ip: string;
  user: string | null;
  password: string | null;
  service: string | null;
  /** 1-based line number in the source file of the line that best describes the try. */
  line: number;
}

export interface LoginRecord {
  ts: number;
  ip: string;
  user: string | null;
  service: string | null;
  line: number;
}
