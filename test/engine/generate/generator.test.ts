import { beforeAll, describe, expect, it } from 'vitest';
import ipaddr from 'ipaddr.js';
import { generateCase, streamCase, type GeneratedCase } from '../../../src-main/engine/generate/generator';
import { openCountryLocator } from '../../../src-main/engine/generate/locate';
import type { GenerateOptions, StampStyle } from '../../../src-main/engine/generate/options';
import { truthForRange, type GeneratedTruth } from '../../../src-main/engine/generate/truth';
import { HOSTILE_PASSWORDS, HOSTILE_VALUES } from '../../../src-main/engine/generate/vocabulary';
import { takeCensus, type Census } from './census';

/** The truth and an independent reading of the lines must agree on every figure. */
function expectTruthMatchesLines(truth: GeneratedTruth, census: Census): void {
  expect(census.unstamped).toBe(0);
  expect(census.lines).toEqual({
    total: truth.lines.total, authFail: truth.lines.authFail, loginFail: truth.lines.loginFail, smtpFail: truth.lines.smtpFail,
    login: truth.lines.login, other: truth.lines.other,
  });
  expect(truth.lines.attempt).toBe(truth.lines.authFail + truth.lines.loginFail + truth.lines.smtpFail);
  expect(census.attempts).toBe(truth.attempts);
  expect(Object.fromEntries(census.perDay)).toEqual(
    Object.fromEntries(truth.perDay.filter((d) => d.attempts > 0).map((d) => [d.day, d.attempts])),
  );
  expect(Object.fromEntries(census.loginsPerDay)).toEqual(
    Object.fromEntries(truth.perDay.filter((d) => d.logins > 0).map((d) => [d.day, d.logins])),
  );
  expect(truth.logins).toBe(truth.lines.login);
  expect(census.perIp.size).toBe(truth.ips);
  for (const [ip, n] of census.perIp) expect(truth.perIp[ip]?.attempts, ip).toBe(n);
  for (const [ip, days] of census.perIpDay) expect(truth.perIp[ip].days, ip).toEqual(Object.fromEntries(days));
  expect([...census.perIp.values()].filter((n) => n === 1).length).toBe(truth.oneShotIps);
  for (const u of truth.users.slice(0, 20)) expect(census.users.get(u.value), u.value).toBe(u.attempts);
  for (const p of truth.passwords.slice(0, 20)) expect(census.passwords.get(p.value), p.value).toBe(p.attempts);
  expect([...census.passwords.values()].reduce((a, b) => a + b, 0)).toBe(truth.attemptsWithPassword);
  // Histogram and per-day IP counts follow from the per-IP figures.
  const histogram = new Map<number, number>();
  for (const n of census.perIp.values()) histogram.set(n, (histogram.get(n) ?? 0) + 1);
  expect(truth.histogram).toEqual([...histogram].sort((a, b) => a[0] - b[0]).map(([times, computers]) => ({ times, computers })));
  for (const d of truth.perDay) {
    const ips = [...census.perIpDay.values()].filter((days) => days.has(d.day)).length;
    expect(d.ips, d.day).toBe(ips);
  }
  // Time never runs backwards, and every day is seen once.
  expect(census.dayOrder).toEqual([...census.dayOrder].sort());
  expect(new Set(census.dayOrder).size).toBe(census.dayOrder.length);
}

describe('a year with the default mix', () => {
  const options: GenerateOptions = { seed: 7, start: '2023-01-10', days: 320 };
  let generated: GeneratedCase;
  let census: Census;

  beforeAll(() => {
    generated = generateCase(options);
    census = takeCensus(generated.lines, 2023);
  });

  it('has a truth that matches what its lines say', () => {
    expectTruthMatchesLines(generated.truth, census);
    expect(generated.truth.firstDay).toBe('2023-01-10');
    expect(generated.truth.lastDay).toBe('2023-11-25');
    expect(generated.truth.perDay).toHaveLength(320);
  });

  it('is about the size of the motivating case, with about 5 in 30 lines failures', () => {
    const t = generated.truth;
    expect(t.attempts).toBeGreaterThan(28_000);
    expect(t.attempts).toBeLessThan(34_000);
    expect(t.ips).toBeGreaterThan(6_000);
    expect(t.ips).toBeLessThan(12_000);
    const failureShare = t.lines.attempt / t.lines.total;
    expect(failureShare).toBeGreaterThan(0.12);
    expect(failureShare).toBeLessThan(0.2);
  });

  it('has a heavy tail: many IPs try once to three times, a few hundreds of times', () => {
    const counts = Object.values(generated.truth.perIp).map((p) => p.attempts);
    const fewTries = counts.filter((n) => n <= 3).length / counts.length;
    expect(fewTries).toBeGreaterThan(0.7);
    expect(counts.filter((n) => n >= 100).length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(300);
  });

  it('hides a swarm of ~1,900 IPs and ~3,000 tries in 2.5 days, two thirds trying once', () => {
    const swarm = generated.truth.swarm!;
    expect(swarm.days).toHaveLength(3);
    expect(swarm.attempts).toBeGreaterThan(2_700);
    expect(swarm.attempts).toBeLessThan(3_300);
    const swarmIps = Object.entries(generated.truth.perIp).filter(([, p]) => p.swarm).map(([ip]) => ip);
    expect(swarmIps).toHaveLength(swarm.ips);
    expect(swarm.ips / swarm.attempts).toBeCloseTo(1900 / 3000, 2);
    // Counted from the lines: the swarm's tries all fall within its window's days.
    const fromLines = swarmIps.map((ip) => census.perIp.get(ip)!);
    expect(fromLines.reduce((a, b) => a + b, 0)).toBe(swarm.attempts);
    const oneShotShare = fromLines.filter((n) => n === 1).length / swarmIps.length;
    expect(oneShotShare).toBeGreaterThan(0.63);
    expect(oneShotShare).toBeLessThan(0.7);
    for (const ip of swarmIps) for (const day of census.perIpDay.get(ip)!.keys()) expect(swarm.days).toContain(day);
    // Within its days it is what the analyst sees: the busiest days of the year.
    const inWindow = truthForRange(generated.truth, swarm.days[0], swarm.days[2]);
    const perDay = generated.truth.perDay.map((d) => d.attempts).sort((a, b) => b - a);
    expect(inWindow.attempts).toBeGreaterThan(perDay.slice(0, 3).reduce((a, b) => a + b, 0) * 0.9);
    expect(inWindow.oneShotIps / inWindow.ips).toBeGreaterThan(0.6);
  });

  it('attacks only from public addresses, some of them IPv6, and logs users in from home and office', () => {
    const ips = Object.keys(generated.truth.perIp);
    for (const ip of ips) expect(ipaddr.parse(ip).range(), ip).toBe('unicast');
    expect(ips.filter((ip) => ip.includes(':')).length).toBeGreaterThan(50);
    const logins = generated.lines.filter((l) => /-login: (?:Login|Logged in): user=</.test(l));
    expect(logins.some((l) => /user=<\w+@example\.com>, method=PLAIN, rip=(192\.168|10)\./.test(l))).toBe(true);
    // Dovecot 2.4 writes a successful login as `Logged in:`, earlier versions as `Login:`.
    expect(logins.some((l) => l.includes('-login: Login: user=<'))).toBe(true);
    expect(logins.some((l) => l.includes('-login: Logged in: user=<'))).toBe(true);
    expect(logins.some((l) => /user=<\w+@example\.com>, method=PLAIN, rip=[0-9a-f]+:/.test(l))).toBe(true);
  });

  it('uses every logging period, each shape in its own days', () => {
    const t = generated.truth;
    expect(t.periods.map((p) => p.shape)).toEqual(['v23-quiet', 'v23', 'v23', 'v24']);
    const linesOf = (day: string) => {
      const stamp = shortStamp(day);
      return generated.lines.filter((l) => l.startsWith(stamp));
    };
    const quietDay = linesOf(t.periods[0].from);
    expect(quietDay.some((l) => l.includes('(auth failed,'))).toBe(true);
    expect(quietDay.some((l) => /passwd-file\(|auth\(/.test(l))).toBe(false);
    const v24Day = linesOf(t.periods[3].to);
    expect(v24Day.some((l) => /auth\([^)]*,sasl:(plain|login)\)<[A-Za-z0-9+/]{16}>: sql: (Password mismatch|unknown user) \(given password: /.test(l))).toBe(true);
    expect(v24Day.some((l) => l.includes('Login aborted: ') && l.includes('(auth_failed): user=<'))).toBe(true);
    expect(t.services.imap).toBeGreaterThan(t.services.pop3);
    expect(Object.keys(t.services).sort()).toEqual(['imap', 'managesieve', 'pop3', 'smtp', 'submission']);
    // SMTP AUTH: postfix's warning on each try; dovecot's line of it (without session) only with auth_verbose.
    expect(quietDay.some((l) => / postfix\/(submission\/)?smtpd\[\d+\]: warning: unknown\[[^\]]+\]: SASL (LOGIN|PLAIN) authentication failed: (UGFzc3dvcmQ6|authentication failure)$/.test(l))).toBe(true);
    expect(v24Day.some((l) => /SASL (LOGIN|PLAIN) authentication failed: \(reason unavailable\), sasl_username=/.test(l))).toBe(true);
    expect(v24Day.some((l) => /auth\([^)]*,sasl:(plain|login)\): sql: /.test(l))).toBe(true);
    expect(generated.lines.some((l) => / postfix\/submission\/smtpd\[\d+\]: [0-9A-F]{10}: client=unknown\[[^\]]+\], sasl_method=PLAIN, sasl_username=\w+@example\.com$/.test(l))).toBe(true);
    expect(t.services.smtp).toBeGreaterThan(t.attempts * 0.1);
  });

  it('has attack vocabulary but nothing hostile unless asked', () => {
    const users = generated.truth.users.map((u) => u.value);
    expect(users.slice(0, 10)).toEqual(expect.arrayContaining(['admin', 'info@example.com']));
    expect(generated.truth.passwords[0].value).toBe('123456');
    const hostile = [...HOSTILE_VALUES, ...HOSTILE_PASSWORDS];
    expect(generated.lines.some((l) => hostile.some((h) => l.includes(h)))).toBe(false);
  });
});

function shortStamp(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${d.toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${String(d.getUTCDate()).padStart(2, ' ')} `;
}

describe('small cases in every style and shape', () => {
  const base = { start: '2024-05-01', days: 6, attemptsPerDay: 60, swarm: { start: '2024-05-03 20:00', hours: 30, attempts: 300, ips: 190 } };
  const styles: StampStyle[] = ['syslog', 'dovecot', 'iso', 'rfc3339'];

  it.each(styles)('%s stamps: the truth matches the lines', (style) => {
    const c = generateCase({ ...base, seed: 11, style });
    expectTruthMatchesLines(c.truth, takeCensus(c.lines, 2024));
    const stamp = {
      syslog: /^May [ \d]\d \d\d:\d\d:\d\d mail (dovecot\[\d+\]|postfix\/[\w/]+\[\d+\]): /,
      dovecot: /^May \d\d \d\d:\d\d:\d\d [a-z][\w-]*(\([^)]*\))?(<[^>]*>)*: (Info|Warning|Error): /,
      iso: /^2024-05-0\d \d\d:\d\d:\d\d [a-z][\w-]*(\([^)]*\))?(<[^>]*>)*: (Info|Warning|Error): /,
      rfc3339: /^2024-05-0\dT\d\d:\d\d:\d\d\.\d{6}\+00:00 mail (dovecot\[\d+\]|postfix\/[\w/]+\[\d+\]): /,
    }[style];
    for (const line of c.lines) expect(line).toMatch(stamp);
  });

  it('rfc3339 fractions rise within a second', () => {
    const stamps = generateCase({ ...base, seed: 3, style: 'rfc3339' }).lines.map((l) => l.slice(0, 26));
    for (let i = 1; i < stamps.length; i++) expect(stamps[i] >= stamps[i - 1], stamps[i]).toBe(true);
    // Lines of one second: each fraction above the one before (equal ones, such as .000000 throughout, do not pass).
    const sameSecond = stamps.map((s, i) => [stamps[i - 1], s]).slice(1).filter(([a, b]) => a.slice(0, 19) === b.slice(0, 19));
    expect(sameSecond.length).toBeGreaterThan(50);
    for (const [a, b] of sameSecond) expect(b.slice(20) > a.slice(20), `${a} then ${b}`).toBe(true);
    expect(new Set(stamps.map((s) => s.slice(20))).size).toBeGreaterThan(stamps.length / 2);
  });

  it.each(['v23', 'v23-quiet', 'v24'] as const)('%s only: the truth matches the lines', (shape) => {
    const c = generateCase({ ...base, seed: 5, shapes: [{ shape, share: 1 }] });
    expectTruthMatchesLines(c.truth, takeCensus(c.lines, 2024));
    if (shape === 'v23-quiet') {
      expect(c.truth.lines.authFail).toBe(0);
      expect(c.truth.attemptsWithPassword).toBe(0);
      // With only the login process's lines, N attempts is the count.
      expect(c.truth.attempts).toBeGreaterThan(c.truth.lines.loginFail);
    } else {
      expect(c.truth.lines.authFail).toBeGreaterThan(c.truth.lines.loginFail);
    }
  });

  it.each(['sql', 'pam', 'ldap'] as const)('2.3 with the %s passdb: the truth matches the lines', (passdb) => {
    const c = generateCase({ ...base, seed: 9, shapes: [{ shape: 'v23', share: 1, passdb, passwords: false }] });
    expectTruthMatchesLines(c.truth, takeCensus(c.lines, 2024));
    expect(c.truth.attemptsWithPassword).toBe(0);
    expect(c.lines.some((l) => l.includes(`${passdb}(`))).toBe(true);
  });

  it('without the pid, and through a dual-stack listener', () => {
    const c = generateCase({ ...base, seed: 4, pid: false, ipv4Mapped: true });
    expect(c.lines.every((l) => !/dovecot\[\d+\]/.test(l))).toBe(true);
    expect(c.lines.some((l) => l.includes('rip=::ffff:'))).toBe(true);
    expect(Object.keys(c.truth.perIp).some((ip) => ip.startsWith('::ffff:'))).toBe(false);
    expectTruthMatchesLines(c.truth, takeCensus(c.lines, 2024));
  });

  it('sprinkles hostile names and passwords only when asked, and sparsely', () => {
    const c = generateCase({ ...base, days: 30, seed: 12, hostile: true });
    const hostile = [...HOSTILE_VALUES, ...HOSTILE_PASSWORDS];
    const hits = c.lines.filter((l) => hostile.some((h) => l.includes(h))).length;
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThan(c.truth.lines.attempt * 0.02);
    expectTruthMatchesLines(c.truth, takeCensus(c.lines, 2024));
  });
});

describe('determinism and streaming', () => {
  const options: GenerateOptions = { seed: 42, start: '2023-12-20', days: 20, attemptsPerDay: 120 };

  it('gives the same lines and truth for the same seed, others for another', () => {
    const a = generateCase(options);
    const b = generateCase(options);
    expect(b.lines).toEqual(a.lines);
    expect(b.truth).toEqual(a.truth);
    const c = generateCase({ ...options, seed: 43 });
    expect(c.lines.slice(0, 50)).not.toEqual(a.lines.slice(0, 50));
  });

  it('streams the same lines, and has the truth only at the end', () => {
    const whole = generateCase(options);
    const stream = streamCase(options);
    expect(() => stream.truth()).toThrow();
    const texts: string[] = [];
    let lastTs = -Infinity;
    for (const line of stream) {
      expect(line.ts).toBeGreaterThanOrEqual(lastTs);
      lastTs = line.ts;
      texts.push(line.text);
    }
    expect(texts).toEqual(whole.lines);
    expect(stream.truth()).toEqual(whole.truth);
    expect(() => [...stream]).toThrow();
  });

  it('wraps year-less stamps at New Year, in time order', () => {
    const { lines, truth } = generateCase(options);
    const dec31 = lines.findIndex((l) => l.startsWith('Dec 31 '));
    const jan1 = lines.findIndex((l) => l.startsWith('Jan  1 '));
    expect(dec31).toBeGreaterThanOrEqual(0);
    expect(jan1).toBeGreaterThan(dec31);
    expect(lines.slice(jan1).some((l) => l.startsWith('Dec'))).toBe(false);
    expect(truth.perDay.map((d) => d.day)).toContain('2024-01-01');
    expectTruthMatchesLines(truth, takeCensus(lines, 2023));
  });

  it('aims at a number of lines', () => {
    const { truth } = generateCase({ seed: 1, start: '2024-02-01', days: 30, targetLines: 60_000 });
    expect(truth.lines.total).toBeGreaterThan(54_000);
    expect(truth.lines.total).toBeLessThan(66_000);
  });

  it('writes no chatter with a noise ratio of 0, five lines of it per failure line by default', () => {
    const quiet = generateCase({ ...options, noiseRatio: 0 });
    // Only the ends of users' sessions, postfix's connects and disconnects of SMTP AUTH, and dovecot's
    // start-ups remain besides failures and logins.
    const startups = quiet.lines.filter((l) => l.includes(' starting up for ')).length;
    expect(startups).toBe(quiet.truth.periods.length);
    const smtpSessionLines = quiet.lines.filter((l) => /smtpd\[\d+\]: (connect from|disconnect from|lost connection after AUTH from) unknown\[/.test(l)).length;
    const postfixLogins = quiet.lines.filter((l) => l.includes(', sasl_username=') && l.includes(': client=')).length;
    expect(smtpSessionLines).toBeGreaterThan(0);
    expect(postfixLogins).toBeGreaterThan(0);
    expect(quiet.truth.lines.other).toBe(quiet.truth.lines.login - postfixLogins + startups + smtpSessionLines);
    expect(quiet.lines.some((l) => l.includes('lmtp(') || l.includes('no auth attempts'))).toBe(false);
    const chatty = generateCase(options).truth.lines;
    expect(chatty.other / chatty.attempt).toBeGreaterThanOrEqual(5);
    expect(chatty.other / chatty.attempt).toBeLessThan(5.6);
  });

  it('rejects what it cannot generate', () => {
    expect(() => generateCase({ seed: 1, start: '2024-13-01', days: 3 })).toThrow();
    expect(() => generateCase({ seed: 1, start: '2024-01-01', days: 0 })).toThrow();
    expect(() => generateCase({ seed: 1.5, start: '2024-01-01', days: 3 })).toThrow();
  });
});

describe('countries', () => {
  it('records the country of each IP when given a locator, from many countries', () => {
    const locate = openCountryLocator();
    const { truth, lines } = generateCase({ seed: 3, start: '2023-03-01', days: 60, locate });
    expect(truth.countries).toBeGreaterThan(80);
    const census = takeCensus(lines, 2023);
    for (const d of truth.perDay) {
      const countries = new Set<string>();
      for (const [ip, days] of census.perIpDay) if (days.has(d.day) && locate(ip)) countries.add(locate(ip)!);
      expect(d.countries, d.day).toBe(countries.size);
    }
    const located = Object.values(truth.perIp).filter((p) => p.country !== null).length;
    expect(located / truth.ips).toBeGreaterThan(0.97);
    expect(Object.values(truth.countryAttempts!).reduce((a, b) => a + b, 0)).toBe(truth.attempts);
  });

  it('has no countries without a locator', () => {
    const { truth } = generateCase({ seed: 3, start: '2023-03-01', days: 5 });
    expect(truth.countries).toBeNull();
    expect(truth.perDay.every((d) => d.countries === null)).toBe(true);
  });
});
