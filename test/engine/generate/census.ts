// An independent, deliberately simple reading of generated lines (its own regexes and session join), to
// check the generator's truth against what its lines really say.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const STAMPS: [RegExp, 'short' | 'full'][] = [
  [/^([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (?:mail dovecot(?:\[\d+\])?: |mail postfix\/[\w/]+\[\d+\]: |(?=[a-z]))/, 'short'],
  [/^(\d{4})-(\d\d)-(\d\d)[T ](\d\d:\d\d:\d\d)(?:\.\d{6}[+-]\d\d:\d\d mail (?:dovecot(?:\[\d+\])?|postfix\/[\w/]+\[\d+\]):)? /, 'full'],
];

const SID = '([A-Za-z0-9+/]{16})';
const REASON = '(?:unknown user|Password mismatch(?: \\(for LDAP bind\\))?|pam_authenticate\\(\\) failed: Authentication failure \\(password mismatch\\?\\))';
// The session is left out in dovecot's lines on postfix's requests (SMTP AUTH), whose try postfix's warning
// (SMTP_FAIL) then tells once more.
const AUTH_23 = new RegExp(
  `(?:passwd-file|sql|ldap|pam)\\(([^,]*),([^,)]+)(?:,<${SID}>)?\\): ${REASON}(?: \\(given password: (.*)\\))?$`,
);
const AUTH_24 = new RegExp(
  `auth\\(([^,]*),([^,]+),sasl:\\w+\\)(?:<${SID}>)?: (?:Info: )?[\\w-]+: ${REASON}(?: \\(given password: (.*)\\))?$`,
);
const SMTP_FAIL = /postfix\/(?:submission\/)?smtpd\[\d+\]: warning: unknown\[([0-9a-f.:]+)\]: SASL \w+ authentication failed: /;
const SMTP_LOGIN = /postfix\/(?:submission\/)?smtpd\[\d+\]: \w+: client=unknown\[[0-9a-f.:]+\], sasl_method=\w+, sasl_username=/;
const LOGIN_FAIL = new RegExp(
  `(\\w+)-login: (?:Info: )?[^(]*\\(auth failed, (\\d+) attempts in \\d+ secs\\)(?: \\(auth_failed\\))?: user=<(.*)>, method=\\w+, rip=([0-9a-f.:]+), lip=[0-9a-f.:]+(?:, TLS)?, session=<${SID}>$`,
);
const LOGIN_OK = /(\w+)-login: (?:Info: )?(?:Login|Logged in): user=<(.*)>, method=\w+, rip=([0-9a-f.:]+), /;

export interface Census {
  lines: { total: number; authFail: number; loginFail: number; smtpFail: number; login: number; other: number };
  attempts: number;
  perDay: Map<string, number>;
  perIp: Map<string, number>;
  /** Attempts per IP per day. */
  perIpDay: Map<string, Map<string, number>>;
  users: Map<string, number>;
  passwords: Map<string, number>;
  loginsPerDay: Map<string, number>;
  /** Days in line order (with repeats removed), to check that time never runs backwards. */
  dayOrder: string[];
  unstamped: number;
}

interface Session {
  day: string;
  ip: string;
  user: string | null;
  authTries: number;
  passwords: string[];
  closedWith: number;
}

const plainIp = (ip: string): string => (ip.startsWith('::ffff:') ? ip.slice(7) : ip);

/** Reads lines written from `firstYear` on; year-less stamps move to the next year when the month wraps. */
export function takeCensus(lines: Iterable<string>, firstYear: number): Census {
  const c: Census = {
    lines: { total: 0, authFail: 0, loginFail: 0, smtpFail: 0, login: 0, other: 0 },
    attempts: 0, perDay: new Map(), perIp: new Map(), perIpDay: new Map(), users: new Map(), passwords: new Map(),
    loginsPerDay: new Map(), dayOrder: [], unstamped: 0,
  };
  const sessions = new Map<string, Session>();
  // SMTP AUTH: dovecot's lines without session, by address, until postfix's warning on the same try.
  const unanswered = new Map<string, Session[]>();
  const smtpTries: Session[] = [];
  let year = firstYear;
  let lastMonth = -1;
  for (const line of lines) {
    c.lines.total++;
    let day: string | null = null;
    let m = STAMPS[0][0].exec(line);
    if (m) {
      const month = MONTHS.indexOf(m[1]);
      if (month < lastMonth) year++;
      lastMonth = month;
      day = `${year}-${String(month + 1).padStart(2, '0')}-${m[2].trim().padStart(2, '0')}`;
    } else if ((m = STAMPS[1][0].exec(line))) {
      day = `${m[1]}-${m[2]}-${m[3]}`;
    }
    if (!day) {
      c.unstamped++;
      continue;
    }
    if (c.dayOrder[c.dayOrder.length - 1] !== day) c.dayOrder.push(day);

    const auth = AUTH_24.exec(line) ?? AUTH_23.exec(line);
    if (auth) {
      c.lines.authFail++;
      const [, user, ip, sid, password] = auth;
      if (sid === undefined) {
        const queue = unanswered.get(ip) ?? unanswered.set(ip, []).get(ip)!;
        queue.push({ day, ip, user, authTries: 1, passwords: password === undefined ? [] : [password], closedWith: 0 });
        continue;
      }
      const s = sessions.get(sid) ?? { day, ip: plainIp(ip), user, authTries: 0, passwords: [], closedWith: 0 };
      s.authTries++;
      if (password !== undefined) s.passwords.push(password);
      sessions.set(sid, s);
      continue;
    }
    const smtp = SMTP_FAIL.exec(line);
    if (smtp) {
      c.lines.smtpFail++;
      const ip = smtp[1];
      // Its name is dovecot's, when dovecot logged the try.
      smtpTries.push(unanswered.get(ip)?.shift() ?? { day, ip, user: null, authTries: 1, passwords: [], closedWith: 0 });
      continue;
    }
    const fail = LOGIN_FAIL.exec(line);
    if (fail) {
      c.lines.loginFail++;
      const [, , n, user, ip, sid] = fail;
      const s = sessions.get(sid) ?? { day, ip: plainIp(ip), user, authTries: 0, passwords: [], closedWith: 0 };
      s.closedWith = Number(n);
      sessions.set(sid, s);
      continue;
    }
    if (LOGIN_OK.test(line) || SMTP_LOGIN.test(line)) {
      c.lines.login++;
      c.loginsPerDay.set(day, (c.loginsPerDay.get(day) ?? 0) + 1);
      continue;
    }
    c.lines.other++;
  }
  for (const queue of unanswered.values()) if (queue.length) throw new Error(`dovecot's line without postfix's: ${queue[0].ip}`);
  for (const s of [...sessions.values(), ...smtpTries]) {
    const tries = Math.max(s.authTries, s.closedWith);
    c.attempts += tries;
    c.perDay.set(s.day, (c.perDay.get(s.day) ?? 0) + tries);
    c.perIp.set(s.ip, (c.perIp.get(s.ip) ?? 0) + tries);
    const days = c.perIpDay.get(s.ip) ?? new Map<string, number>();
    days.set(s.day, (days.get(s.day) ?? 0) + tries);
    c.perIpDay.set(s.ip, days);
    if (s.user !== null) c.users.set(s.user, (c.users.get(s.user) ?? 0) + tries);
    for (const p of s.passwords) c.passwords.set(p, (c.passwords.get(p) ?? 0) + 1);
  }
  return c;
}
