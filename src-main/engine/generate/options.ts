// What a generated case looks like, and the defaults that mimic the motivating case: 320 days, ~30,500
// failed logins from ~8,900 IPs, with a 2.5-day swarm of ~3,000 attempts from ~1,900 IPs.
import type { Day } from '../../shared/api';

/** How a line's time is written. */
export type StampStyle =
  /** rsyslog's traditional format: `Nov  2 10:00:01 mail dovecot[1234]: imap-login: ...` (no year). */
  | 'syslog'
  /** dovecot's own log_path file: `Nov 02 10:00:01 imap-login: Info: ...` (no year). */
  | 'dovecot'
  /** dovecot's own file with `log_timestamp = "%Y-%m-%d %H:%M:%S "`: `2023-11-25 10:12:21 imap-login: Info: ...`. */
  | 'iso'
  /** rsyslog's RFC 3339 format: `2023-11-25T10:12:21.482913+00:00 mail dovecot[1234]: imap-login: ...`. */
  | 'rfc3339';

/**
 * How the server logged failures during a period:
 * - `v23`: dovecot 2.3, the auth process logs each try (`auth: passwd-file(user,ip,<session>): unknown user`)
 *   and the login process logs `Disconnected (auth failed, N attempts in T secs)` with the same session.
 * - `v23-quiet`: dovecot 2.3 with `auth_verbose = no`: only the login process lines; `N attempts` is the count.
 * - `v24`: dovecot 2.4: `auth(user,ip,sasl:plain)<session>: sql: Password mismatch` and
 *   `Login aborted: Connection closed (auth failed, N attempts in T secs) (auth_failed)`.
 */
export type DovecotShape = 'v23' | 'v23-quiet' | 'v24';

export type Passdb = 'passwd-file' | 'sql' | 'ldap' | 'pam';

export interface ShapePeriod {
  shape: DovecotShape;
  /** Share of the day range; periods follow each other in the order given (shares are normalised). */
  share: number;
  /** `auth_verbose_passwords = plain`: auth lines end with `(given password: ...)`. Default true (never for pam). */
  passwords?: boolean;
  /** The passdb driver named in auth lines. Default `passwd-file` for 2.3, `sql` for 2.4. */
  passdb?: Passdb;
}

export interface SwarmOptions {
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]`. */
  start: string;
  hours: number;
  attempts: number;
  ips: number;
  /** Share of the swarm's IPs that try only once. Default 2/3. */
  oneShotShare?: number;
}

export interface GenerateOptions {
  seed: number;
  /** First day, `YYYY-MM-DD`. */
  start: Day;
  days: number;
  /** Background credential tries per day (the swarm and users' typos come on top). Default 86. */
  attemptsPerDay?: number;
  /** Aim for about this many lines in all; sets attemptsPerDay (overrides it). */
  targetLines?: number;
  /** The swarm; null for none; left out for a default one scaled to the case (none under 4 days). */
  swarm?: SwarmOptions | null;
  /** Lines that are neither failures nor logins, per failure line. Default 5 ("5 in 30 lines are failures"). */
  noiseRatio?: number;
  /** Logging periods in order. Default: quiet 2.3, then verbose 2.3, then 2.3 without passwords, then 2.4. */
  shapes?: ShapePeriod[];
  style?: StampStyle;
  /** syslog and rfc3339 styles: `dovecot[1234]:` rather than `dovecot:`. Default true. */
  pid?: boolean;
  /** rfc3339 style: the zone written after each stamp (the wall-clock is the truth). Default `+00:00`. */
  utcOffset?: string;
  hostname?: string;
  domain?: string;
  /** Sprinkle a few XSS/formula/SQL-looking user names and passwords. Default false. */
  hostile?: boolean;
  /**
   * Share of attackers that try SMTP AUTH against postfix, which asks dovecot's auth process (syslog and
   * rfc3339 styles only: postfix writes to syslog, not to dovecot's own file). Default 0.3.
   */
  smtpShare?: number;
  /** Share of attackers using IPv6. Default 0.04. */
  ipv6Share?: number;
  /** Write IPv4 clients as `::ffff:1.2.3.4`, as a dual-stack listener does. Default false. */
  ipv4Mapped?: boolean;
  /** Country of an IP (ISO alpha-2) for the truth; without it the truth has no countries. */
  locate?: (ip: string) => string | null;
}

export const DEFAULT_ATTEMPTS_PER_DAY = 86;
export const DEFAULT_NOISE_RATIO = 5;
export const DEFAULT_SMTP_SHARE = 0.3;
/** The motivating swarm was ~10% of all tries, 19 IPs for every 30 attempts. */
export const SWARM_SHARE_OF_ATTEMPTS = 0.109;
export const SWARM_IPS_PER_ATTEMPT = 1900 / 3000;
export const SWARM_HOURS = 60;

export const DEFAULT_SHAPES: ShapePeriod[] = [
  { shape: 'v23-quiet', share: 0.15, passdb: 'passwd-file' },
  { shape: 'v23', share: 0.35, passdb: 'passwd-file', passwords: true },
  { shape: 'v23', share: 0.12, passdb: 'sql', passwords: false },
  { shape: 'v24', share: 0.38, passdb: 'sql', passwords: true },
];
