// The text dovecot (and postfix, in mail.log) writes, without the time stamp. Shapes follow real dovecot
// 2.3 and 2.4 lines; through syslog the level (`Info:`) is left out and the host and program come first.
import type { Passdb } from './options';
import type { Service } from './population';

export type Level = 'Info' | 'Warning' | 'Error';

export interface ComposeConfig {
  syslog: boolean;
  hostname: string;
  pid: boolean;
}

export class LineComposer {
  /** The dovecot master's pid, written as `dovecot[pid]` through syslog; changes on restarts. */
  masterPid = 1000;

  constructor(private readonly config: ComposeConfig) {}

  /** A line from a dovecot process (`imap-login`, `auth`, `lmtp(alice@example.com)<123><sid>` ...). */
  dovecot(process: string, message: string, level: Level = 'Info'): string {
    if (!this.config.syslog) return `${process}: ${level}: ${message}`;
    const program = this.config.pid ? `dovecot[${this.masterPid}]` : 'dovecot';
    return level === 'Info'
      ? `${this.config.hostname} ${program}: ${process}: ${message}`
      : `${this.config.hostname} ${program}: ${process}: ${level}: ${message}`;
  }

  /** A line from another program (postfix); only mail.log written through syslog has them. */
  program(name: string, pid: number, message: string): string {
    return `${this.config.hostname} ${name}[${pid}]: ${message}`;
  }

  get syslog(): boolean {
    return this.config.syslog;
  }
}

export interface AuthTry {
  user: string;
  ip: string;
  /** The login process's session; null for postfix's requests (postfix sends none). */
  session: string | null;
  /** The mailbox exists, so the check is a password mismatch rather than an unknown user. */
  exists: boolean;
  /** Written only when the period logs passwords. */
  password: string | null;
}

const given = (password: string | null): string => (password === null ? '' : ` (given password: ${password})`);

/** Dovecot 2.3: the auth process (or an auth worker for sql/pam) reports one failed check. */
export function authFailure23(passdb: Passdb, t: AuthTry, workerPid: number): [process: string, message: string] {
  const who = t.session === null ? `${t.user},${t.ip}` : `${t.user},${t.ip},<${t.session}>`;
  switch (passdb) {
    case 'passwd-file':
      return ['auth', `passwd-file(${who}): ${t.exists ? 'Password mismatch' : 'unknown user'}${given(t.password)}`];
    case 'ldap':
      return ['auth', `ldap(${who}): ${t.exists ? 'Password mismatch (for LDAP bind)' : 'unknown user'}${given(t.password)}`];
    case 'sql':
      return [`auth-worker(${workerPid})`, `sql(${who}): ${t.exists ? 'Password mismatch' : 'unknown user'}${given(t.password)}`];
    case 'pam':
      return [
        `auth-worker(${workerPid})`,
        t.exists
          ? `pam(${who}): pam_authenticate() failed: Authentication failure (password mismatch?)`
          : `pam(${who}): unknown user`,
      ];
  }
}

/** Dovecot 2.4: the auth event prefix carries user, IP, mechanism and the login session. */
export function authFailure24(passdb: Passdb, t: AuthTry, mechanism: string): [process: string, message: string] {
  const process = `auth(${t.user},${t.ip},sasl:${mechanism.toLowerCase()})${t.session === null ? '' : `<${t.session}>`}`;
  if (passdb === 'pam') {
    return [process, t.exists ? 'pam: pam_authenticate() failed: Authentication failure (password mismatch?)' : 'pam: unknown user'];
  }
  return [process, `${passdb}: ${t.exists ? 'Password mismatch' : 'unknown user'}${given(t.password)}`];
}

export interface LoginClose {
  service: Service;
  user: string;
  method: string;
  ip: string;
  lip: string;
  tries: number;
  secs: number;
  session: string;
  tls: boolean;
  /** How the connection ended, one of `closingWords()`. */
  opening: string;
}

const CLOSE_23: Record<Service, string[]> = {
  imap: ['Disconnected', 'Disconnected', 'Disconnected', 'Disconnected', 'Disconnected: Inactivity', 'Disconnected: Connection closed'],
  pop3: ['Aborted login', 'Aborted login', 'Disconnected', 'Disconnected', 'Disconnected: Inactivity'],
  submission: ['Client has quit the connection', 'Remote closed connection', 'Disconnected'],
  managesieve: ['Disconnected: Too many invalid commands.', 'Disconnected'],
};

const CLOSE_24: Record<Service, string[]> = {
  imap: ['Login aborted: Connection closed', 'Login aborted: Connection closed', 'Login aborted: Logged out'],
  pop3: ['Login aborted: Connection closed', 'Login aborted: Logged out'],
  submission: ['Login aborted: Connection closed', 'Login aborted: Client has quit the connection'],
  managesieve: ['Login aborted: Logged out', 'Login aborted: Connection closed'],
};

/** The ways a login process words the end of a failed connection. `Inactivity` means a long wait. */
export function closingWords(version: '2.3' | '2.4', service: Service): readonly string[] {
  return (version === '2.3' ? CLOSE_23 : CLOSE_24)[service];
}

function clientPart(c: { user: string; method: string; ip: string; lip: string; tls: boolean; session: string }): string {
  return `user=<${c.user}>, method=${c.method}, rip=${c.ip}, lip=${c.lip}${c.tls ? ', TLS' : ''}, session=<${c.session}>`;
}

/** The login process closes a connection after N failed tries. */
export function loginFailure(version: '2.3' | '2.4', c: LoginClose): [process: string, message: string] {
  const reason = `(auth failed, ${c.tries} attempts in ${c.secs} secs)${version === '2.4' ? ' (auth_failed)' : ''}`;
  return [`${c.service}-login`, `${c.opening} ${reason}: ${clientPart(c)}`];
}

/** A successful login: `Login:` up to dovecot 2.3, `Logged in:` from 2.4. */
export function loginSuccess(
  version: '2.3' | '2.4',
  service: Service,
  c: { user: string; method: string; ip: string; lip: string; tls: boolean; session: string },
  mpid: number,
): [process: string, message: string] {
  return [
    `${service}-login`,
    `${version === '2.4' ? 'Logged in' : 'Login'}: user=<${c.user}>, method=${c.method}, rip=${c.ip}, lip=${c.lip}, mpid=${mpid}${c.tls ? ', TLS' : ''}, session=<${c.session}>`,
  ];
}

/** The mail process's last line for a session that logged in. */
export function sessionEnd(service: Service, user: string, mpid: number, session: string, bytesIn: number, bytesOut: number, idle: boolean): [string, string] {
  const process = `${service}(${user})<${mpid}><${session}>`;
  switch (service) {
    case 'pop3': {
      const mails = Math.max(0, Math.floor(bytesOut / 9000));
      return [process, `Disconnected: Logged out top=0/0, retr=${mails}/${bytesOut}, del=0/${mails}, size=${bytesOut}`];
    }
    case 'submission':
      return [process, `Disconnected: Logged out in=${bytesIn}, out=${bytesOut}`];
    default:
      return idle
        ? [process, `Disconnected: Connection closed (IDLE running for 0.001 + waiting input for ${(bytesOut % 1800) + 0.5} secs, 2 B in + 10 B out, state=wait-input) in=${bytesIn} out=${bytesOut} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0`]
        : [process, `Logged out in=${bytesIn} out=${bytesOut} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0`];
  }
}

/** A client that connected and never tried to log in (port scanners, monitoring). */
export function noAuthAttempts(version: '2.3' | '2.4', service: Service, ip: string, lip: string, secs: number, session: string): [string, string] {
  return version === '2.3'
    ? [`${service}-login`, `Disconnected (no auth attempts in ${secs} secs): user=<>, rip=${ip}, lip=${lip}, session=<${session}>`]
    : [`${service}-login`, `Login aborted: Connection closed (no auth attempts in ${secs} secs) (no_auth_attempts): user=<>, rip=${ip}, lip=${lip}, session=<${session}>`];
}

/** A client that gave up during the TLS handshake. */
export function tlsHandshakeFailure(version: '2.3' | '2.4', service: Service, ip: string, lip: string, error: string, session: string): [string, string] {
  return version === '2.3'
    ? [`${service}-login`, `Disconnected (no auth attempts in 0 secs): user=<>, rip=${ip}, lip=${lip}, TLS handshaking: ${error}`]
    : [`${service}-login`, `Login aborted: Connection closed: ${error} (disconnected during TLS handshake) (tls_handshake_not_finished): user=<>, rip=${ip}, lip=${lip}, TLS handshaking: ${error}, session=<${session}>`];
}

/** postfix's smtpd program: `postfix/smtpd` on port 25, `postfix/submission/smtpd` on 587 (master.cf's name). */
export function smtpdProgram(service: 'smtp' | 'submission'): string {
  return service === 'smtp' ? 'postfix/smtpd' : `postfix/${service}/smtpd`;
}

/**
 * postfix's warning when dovecot turns an SMTP AUTH try down. postfix 3.6 and later (shipped beside dovecot
 * 2.4) add the name tried; before, the reason is dovecot's last challenge (`Password:` in base64 for LOGIN).
 */
export function saslFailure(version: '2.3' | '2.4', ip: string, mechanism: string, user: string): string {
  const reason = version === '2.4'
    ? `(reason unavailable), sasl_username=${user}`
    : mechanism === 'LOGIN' ? 'UGFzc3dvcmQ6' : 'authentication failure';
  return `warning: unknown[${ip}]: SASL ${mechanism} authentication failed: ${reason}`;
}

/** postfix takes a message from a client that logged in with SMTP AUTH: the only trace of that login. */
export function saslSubmission(queueId: string, ip: string, user: string): string {
  return `${queueId}: client=unknown[${ip}], sasl_method=PLAIN, sasl_username=${user}`;
}

export function notReady(service: Service, ip: string, lip: string): [string, string] {
  return [`${service}-login`, `Disconnected (disconnected before auth was ready, waited 0 secs): user=<>, rip=${ip}, lip=${lip}, TLS handshaking: SSL_accept() syscall failed: Connection reset by peer`];
}

export function lmtpDelivery(recipient: string, lmtpPid: number, lmtpSession: string, msgid: string, folder: string): [string, string][] {
  return [
    [`lmtp(${lmtpPid})`, 'Connect from local'],
    [`lmtp(${recipient})<${lmtpPid}><${lmtpSession}>`, `msgid=<${msgid}>: saved mail to ${folder}`],
    [`lmtp(${lmtpPid})`, 'Disconnect from local: Client has quit the connection (state=READY)'],
  ];
}

export function masterStartup(version: '2.3' | '2.4'): [string, string] {
  return version === '2.3'
    ? ['master', 'Dovecot v2.3.21 (47349e2482) starting up for imap, pop3, lmtp, submission, sieve (core dumps disabled)']
    : ['master', 'Dovecot v2.4.1-4 (7c2fd5f4c8) starting up for imap, pop3, lmtp, submission, sieve (core dumps disabled)'];
}
