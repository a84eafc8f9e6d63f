// A synthetic auth.log of an SSH server under attack, with the truth of what it holds: the tries (each
// `Failed` line, and one for a connection that shows only other signs of a failed login) and the logins, as
// `ip user`. sshd's lines as Debian's rsyslog writes them, those of many connections interleaved with PAM's,
// cron's and sudo's. For the tests and the benchmark; the mail logs have their own generator (generator.ts).
import { Random } from './random';
import { StampWriter } from './stamps';

export interface AuthLogOptions {
  seed: number;
  /** First day, YYYY-MM-DD (UTC, as the stamps are written). */
  start: string;
  days: number;
  /** Connections a day, each of one of the shapes below. */
  connectionsPerDay: number;
  /** Attacking addresses (a fifth IPv6). */
  addresses?: number;
}

export interface AuthLogLine {
  /** Log time in milliseconds, as UTC. */
  ms: number;
  text: string;
  /** Order of writing, which keeps lines of one second in order when sorted by time. */
  seq: number;
}

export interface AuthLogTruth {
  /** `ip user` per try, and per successful login. */
  attempts: string[];
  logins: string[];
}

const NAMES = ['admin', 'test', 'user', 'oracle', 'ubuntu', 'pi', 'git', 'postgres', 'ftpuser', 'support'];
/** The server's own user, who mistypes now and then, from the office's address. */
const ADMIN = { ip: '192.0.2.10', user: 'alice' };

/** Lines of one host's auth.log, and what they hold; add() writes more of them (a test's own connections). */
export class AuthLog {
  private readonly written: AuthLogLine[] = [];
  readonly truth: AuthLogTruth = { attempts: [], logins: [] };
  /** The host its lines name. */
  readonly host = 'gate';
  // Syslog stamps draw nothing from the writer's random stream (only RFC 3339 fractions of a second do).
  private readonly stamps = new StampWriter('syslog', '', new Random(0));

  add(ms: number, tag: string, text: string): void {
    this.written.push({ ms, text: `${this.stamps.stamp(Math.floor(ms / 1000))} ${this.host} ${tag}: ${text}`, seq: this.written.length });
  }

  /** The lines in time order (those of one second in the order written). */
  lines(): AuthLogLine[] {
    return [...this.written].sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  }
}

/** The text of a file of these lines. */
export function authLogText(lines: readonly AuthLogLine[]): string {
  return lines.map((l) => `${l.text}\n`).join('');
}

/** `count` addresses, written as the engine writes them (IPv6 compressed: no group is 0 but the run `::` stands for). */
function addressesOf(count: number): string[] {
  const group = (n: number): string => ((n % 0xfffe) + 1).toString(16);
  return Array.from({ length: count }, (_, i) => (i % 5 === 0
    ? `2001:db8:${group(Math.floor(i / 0xfffe))}:${group(i)}::${group(i * 7)}`
    : `${[45, 61, 103, 185, 193][i % 5]}.${(i * 37) % 256}.${(i * 11) % 256}.${1 + (i % 250)}`));
}

/** `options.days` days of connections; add() writes more. */
export function generateAuthLog(options: AuthLogOptions): AuthLog {
  const log = new AuthLog();
  const random = new Random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random.next() * list.length)];
  const ips = addressesOf(options.addresses ?? 120);
  const start = Date.parse(`${options.start}T00:00:00Z`);
  let pid = 20000;
  for (let day = 0; day < options.days; day++) {
    for (let c = 0; c < options.connectionsPerDay; c++) {
      let t = start + day * 86_400_000 + random.int(0, 86_299) * 1000;
      const next = (): number => (t += random.int(1000, 3999));
      const ip = pick(ips);
      const sshd = `sshd[${pid++}]`;
      const port = random.int(30000, 59999);
      const shape = random.next();
      if (shape < 0.3) {
        // A scanner that only probes a user name.
        const name = pick(NAMES);
        log.add(t, sshd, `Invalid user ${name} from ${ip} port ${port}`);
        log.add(next(), sshd, `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`);
        log.add(t, sshd, `Disconnected from invalid user ${name} ${ip} port ${port} [preauth]`);
        log.truth.attempts.push(`${ip} ${name}`);
      } else if (shape < 0.6) {
        // An unknown user, one to three passwords.
        const name = pick(NAMES);
        log.add(t, sshd, `Invalid user ${name} from ${ip} port ${port}`);
        const tries = random.int(1, 3);
        for (let k = 0; k < tries; k++) {
          log.add(next(), sshd, 'pam_unix(sshd:auth): check pass; user unknown');
          log.add(t, sshd, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`);
          log.add(t + 2000, sshd, `Failed password for invalid user ${name} from ${ip} port ${port} ssh2`);
          t += 2000;
          log.truth.attempts.push(`${ip} ${name}`);
        }
        log.add(next(), sshd, `Connection closed by invalid user ${name} ${ip} port ${port} [preauth]`);
      } else if (shape < 0.75) {
        // root until MaxAuthTries (6), with rsyslog folding two alike lines in a row.
        log.add(t, sshd, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root`);
        log.add(next(), sshd, `Failed password for root from ${ip} port ${port} ssh2`);
        log.add(next(), sshd, `message repeated 2 times: [ Failed password for root from ${ip} port ${port} ssh2]`);
        for (let k = 0; k < 3; k++) log.add(next(), sshd, `Failed password for root from ${ip} port ${port} ssh2`);
        for (let k = 0; k < 6; k++) log.truth.attempts.push(`${ip} root`);
        log.add(next(), sshd, `error: maximum authentication attempts exceeded for root from ${ip} port ${port} ssh2 [preauth]`);
        log.add(t, sshd, `Disconnecting authenticating user root ${ip} port ${port}: Too many authentication failures [preauth]`);
        log.add(t, sshd, `PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root`);
      } else if (shape < 0.85) {
        // Keys only: sshd logs their tries at VERBOSE, so the closing line is all there is.
        log.add(t, sshd, `error: maximum authentication attempts exceeded for git from ${ip} port ${port} ssh2 [preauth]`);
        log.add(t, sshd, `Disconnecting authenticating user git ${ip} port ${port}: Too many authentication failures [preauth]`);
        log.truth.attempts.push(`${ip} git`);
      } else if (shape < 0.9) {
        // Not a try: a port scan, a client without a common cipher.
        log.add(t, sshd, `Connection closed by ${ip} port ${port} [preauth]`);
        log.add(next(), sshd, `Unable to negotiate with ${ip} port ${port}: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1 [preauth]`);
      } else {
        // The admin: a typo now and then, then in.
        if (random.chance(0.5)) {
          log.add(t, sshd, `Failed password for ${ADMIN.user} from ${ADMIN.ip} port ${port} ssh2`);
          log.truth.attempts.push(`${ADMIN.ip} ${ADMIN.user}`);
          next();
        }
        log.add(t, sshd, `Accepted password for ${ADMIN.user} from ${ADMIN.ip} port ${port} ssh2`);
        log.add(t, sshd, `pam_unix(sshd:session): session opened for user ${ADMIN.user}(uid=1000) by (uid=0)`);
        log.add(t, 'systemd-logind[512]', `New session ${pid} of user ${ADMIN.user}.`);
        log.add(next(), 'sudo', `   ${ADMIN.user} : TTY=pts/0 ; PWD=/home/${ADMIN.user} ; USER=root ; COMMAND=/usr/bin/apt update`);
        log.truth.logins.push(`${ADMIN.ip} ${ADMIN.user}`);
      }
    }
    for (let h = 0; h < 24; h++) log.add(start + day * 86_400_000 + h * 3_600_000 + 17 * 60_000, 'CRON[3301]', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)');
  }
  return log;
}
