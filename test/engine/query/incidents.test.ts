// The incident detector against the generator's truth (a year with its default swarm, and one without), and
// the per-IP threshold replay on attempt sequences built by hand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { authLogText, generateAuthLog } from '../../../src-main/engine/generate/auth-log';
import { writeRotatedLogs, writeSingleLog } from '../../../src-main/engine/generate/write';
import type { GeneratedTruth } from '../../../src-main/engine/generate/truth';
import { incidents } from '../../../src-main/engine/query/incidents';
import { CaseStore } from '../../../src-main/engine/store/case-store';
import { loadSqlJs } from '../../../src-main/engine/store/sqlite';
import type { AttemptRecord } from '../../../src-main/engine/parse/types';
import { ThresholdSimulator, Verdict } from '../../../src-main/engine/query/threshold-simulation';
import { FAIL2BAN_DEFAULTS, type IncidentReport, type ThresholdOptions } from '../../../src-main/shared/api';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-incidents-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HOUR = 3600;
/** Wall-clock `YYYY-MM-DD HH:MM[:SS]` as seconds (read as UTC, as the engine keeps times). */
const seconds = (moment: string): number => Date.parse(`${moment.replace(' ', 'T')}Z`) / 1000;

async function caseOf(name: string, swarm: null | undefined, seed: number): Promise<{ report: IncidentReport; truth: GeneratedTruth; engine: Engine }> {
  const { files, truth } = await writeSingleLog(path.join(dir, name, 'mail.log'), { seed, start: '2023-03-01', days: 320, swarm });
  const engine = new Engine();
  await engine.ingest([files[0].path]);
  return { report: await engine.incidents(), truth, engine };
}

describe('incidents of a generated year with its default swarm', () => {
  let report: IncidentReport;
  let truth: GeneratedTruth;
  let engine: Engine;
  beforeAll(async () => {
    ({ report, truth, engine } = await caseOf('swarm', undefined, 3));
  }, 120_000);
  afterAll(() => engine.dispose());

  it('finds the swarm as one incident whose span is the truth window within a few hours', () => {
    const swarm = truth.swarm!;
    expect(report.incidents).toHaveLength(1);
    const [incident] = report.incidents;
    expect(Math.abs(seconds(incident.start) - seconds(swarm.start))).toBeLessThanOrEqual(3 * HOUR);
    expect(Math.abs(seconds(incident.end) - seconds(swarm.end))).toBeLessThanOrEqual(3 * HOUR);
    expect(incident.hours).toBe((seconds(incident.end) - seconds(incident.start)) / HOUR);
    expect(incident.start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00$/);
    expect([incident.firstDay, incident.lastDay]).toEqual([swarm.days[0], swarm.days[swarm.days.length - 1]]);
  });

  it('counts about the truth swarm\'s addresses, most of them trying once, nearly all missed by the threshold', () => {
    const swarm = truth.swarm!;
    const [incident] = report.incidents;
    // The background attackers of those hours come on top of the swarm's.
    expect(incident.ips).toBeGreaterThanOrEqual(swarm.ips * 0.95);
    expect(incident.ips).toBeLessThanOrEqual(swarm.ips * 1.1);
    expect(incident.attempts).toBeGreaterThanOrEqual(swarm.attempts * 0.95);
    expect(incident.attempts).toBeLessThanOrEqual(swarm.attempts * 1.15);
    expect(incident.oneShotShare).toBeGreaterThan(0.55);
    expect(incident.oneShotIps).toBe(Math.round(incident.oneShotShare * incident.ips));
    // The one-shot IPs are about the truth swarm's (those that tried once in the whole case tried once in it).
    expect(incident.oneShotIps).toBeGreaterThanOrEqual(swarm.oneShotIps * 0.95);
    expect(incident.oneShotIps).toBeLessThanOrEqual(swarm.oneShotIps * 1.1);
    expect(incident.attemptsPerIp).toBeCloseTo(incident.attempts / incident.ips, 10);
    expect(incident.missedIps / incident.ips).toBeGreaterThan(0.95);
    expect(incident.missedAttempts).toBeLessThanOrEqual(incident.attempts);
    expect(incident.newIps).toBeGreaterThan(swarm.ips * 0.95);
    expect(incident.countries).toBeGreaterThan(20);
    expect(incident.peak.ips).toBeGreaterThan(10 * Math.max(1, incident.peak.baselineIps));
    expect(incident.peak.deviations).toBeGreaterThan(6);
  });

  it('lists the user names the swarm tried most, with their counts, most first', () => {
    const [incident] = report.incidents;
    expect(incident.users.length).toBeGreaterThan(3);
    const counts = incident.users.map((u) => u.attempts);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(incident.attempts);
    // The swarm tries role mailboxes with the domain (generate/population.ts: withDomain 0.9).
    expect(incident.users[0].value).toMatch(/@example\.com$/);
  });

  it('reports the whole case: its attempts and IPs as the summary counts them, and what the threshold missed', async () => {
    const summary = await engine.summary({ from: null, to: null, countries: [], search: '' });
    expect(report.attempts).toBe(summary.attempts);
    expect(report.ips).toBe(summary.ips);
    expect(report.threshold).toEqual(FAIL2BAN_DEFAULTS);
    expect(report.missedAttempts).toBeLessThan(report.attempts);
    expect(report.missedIps).toBeLessThan(report.ips);
    expect(report.missedIps).toBeGreaterThan(report.ips * 0.8);
    expect(report.baseline.medianIps).toBeLessThan(5);
  });

  it('misses fewer attempts with a stricter threshold, and as many IPs or fewer', async () => {
    const strict = await engine.incidents({ maxretry: 2, findtime: 86_400, bantime: 86_400 });
    expect(strict.threshold).toEqual({ maxretry: 2, findtime: 86_400, bantime: 86_400 });
    expect(strict.missedAttempts).toBeLessThan(report.missedAttempts);
    expect(strict.missedIps).toBeLessThanOrEqual(report.missedIps);
    // Two tries a day catch the swarm's repeat visitors, but not its one-shot two thirds.
    expect(strict.incidents).toHaveLength(1);
    expect(strict.incidents[0].missedIps).toBeLessThan(report.incidents[0].missedIps);
    expect(strict.incidents[0].missedIps).toBeGreaterThanOrEqual(report.incidents[0].oneShotIps);
  });
});

describe('incidents of a generated year without a swarm', () => {
  it('finds none', async () => {
    const { report, truth, engine } = await caseOf('quiet', null, 5);
    expect(truth.swarm).toBeNull();
    expect(report.attempts).toBe(truth.attempts);
    expect(report.incidents).toEqual([]);
    await engine.dispose();
  }, 120_000);

  it('an empty case has no incident and no attempts', async () => {
    const engine = new Engine();
    expect(await engine.incidents()).toMatchObject({ attempts: 0, ips: 0, incidents: [], hours: 0 });
    await engine.dispose();
  });
});

describe('incidents of a case beside a log without time stamps (journalctl -o cat)', () => {
  // Two months of background, and three days of dovecot's lines exported without stamps: every one of them is
  // dated at the export's last change, one second inside those months, a pile of some hundred addresses.
  const fileTime = seconds('2023-04-10 12:00:00');
  let background: string;
  let exported: string[];
  let attemptsExported: number;
  beforeAll(async () => {
    ({ files: [{ path: background }] } = await writeSingleLog(path.join(dir, 'undated', 'background', 'mail.log'), { seed: 11, start: '2023-03-01', days: 60, swarm: null }));
    const pile = await writeSingleLog(path.join(dir, 'undated', 'pile', 'mail.log'), { seed: 12, start: '2023-04-02', days: 3, swarm: null, smtpShare: 0 });
    attemptsExported = pile.truth.attempts;
    exported = fs.readFileSync(pile.files[0].path, 'utf8').split('\n').filter((l) => l && !/ postfix\//.test(l))
      .map((l) => l.replace(/^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ dovecot(?:\[\d+\])?: /, ''));
  }, 120_000);

  async function incidentsWith(name: string, lines: string[]): Promise<{ report: IncidentReport; added: number; total: number }> {
    const file = path.join(dir, 'undated', name, 'dovecot.log');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join('\n') + '\n');
    fs.utimesSync(file, fileTime, fileTime);
    const engine = new Engine();
    await engine.ingest([background]);
    const added = (await engine.ingest([file])).attemptsAdded;
    const report = await engine.incidents();
    const total = (await engine.summary({ from: null, to: null, countries: [], search: '' })).attempts;
    await engine.dispose();
    return { report, added, total };
  }

  it('counts the export\'s tries, and finds no incident in the second they are all dated at', async () => {
    const { report, added, total } = await incidentsWith('export', exported);
    expect(added).toBe(attemptsExported);
    expect(report.incidents).toEqual([]);
    // Said, and not counted among the case's figures.
    expect(report.undatedAttempts).toBe(added);
    expect(report.attempts + report.undatedAttempts).toBe(total);
  }, 120_000);

  it('would find one there, were the same lines stamped with that second (so it is the dating that leaves them out)', async () => {
    const { report, added } = await incidentsWith('stamped', exported.map((l) => `Apr 10 12:00:00 mail dovecot: ${l}`));
    // Stamped all in one second, a session's same name and password twice is one try logged by two passdbs.
    expect(added).toBeGreaterThanOrEqual(attemptsExported * 0.95);
    expect(report.undatedAttempts).toBe(0);
    expect(report.incidents.map((i) => i.start)).toEqual(['2023-04-10 12:00']);
  }, 120_000);
});

/** A case of hand-made attempts (every address public, no countries), ingested as one source. */
async function storeOf(attempts: AttemptRecord[]): Promise<CaseStore> {
  const store = await CaseStore.create();
  const id = store.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'head', mtime: 1_700_000_000_000 });
  store.addAttempts(id, [...attempts].sort((a, b) => a.ts - b.ts));
  return store;
}

/** Quiet weeks: an address every three hours or so, each trying twice a few minutes apart. */
function background(from: number, days: number): AttemptRecord[] {
  const out: AttemptRecord[] = [];
  for (let i = 0; i < days * 8; i++) {
    const ts = from + i * 3 * HOUR + (i * 937) % 7000;
    const ip = `45.${(i >> 8) & 255}.${i & 255}.7`;
    out.push({ ts, ip, user: 'admin', password: null, service: 'imap', line: 0 }, { ts: ts + 120, ip, user: 'root', password: null, service: 'imap', line: 0 });
  }
  return out;
}

describe('incidents of generated years whose busy and quiet weeks come in waves', () => {
  // The generator's days vary as a mail server's do: waves of a few weeks, and days of two or three times the usual
  // now and then. Its swarm is the only incident in them; those days are background. (A day scale tried for thin
  // swarms took such a day in the year of seed 7, and a wave of nine days in that of seed 8, for incidents.)
  for (const seed of [7, 8]) {
    it(`finds the swarm alone in the year of seed ${seed}`, async () => {
      const { report, truth, engine } = await caseOf(`waves-${seed}`, undefined, seed);
      try {
        expect(report.incidents.map((i) => [i.firstDay, i.lastDay])).toEqual([[truth.swarm!.days[0], truth.swarm!.days.at(-1)]]);
      } finally {
        await engine.dispose();
      }
    }, 120_000);
  }
});

describe('incidents of a busy case with two weeks of its logs missing', () => {
  it('finds the swarm and nothing at the edges of the gap: hours without logs are not quiet hours', async () => {
    const logs = path.join(dir, 'gap');
    const { files, truth } = await writeRotatedLogs(logs, { seed: 7, start: '2023-03-01', days: 60, attemptsPerDay: 2500 }, { compress: false });
    // Two weekly files from the middle of the case, well before the swarm, are lost (a backup that missed them).
    const lost = files.filter((f) => f.name === 'mail.log.5' || f.name === 'mail.log.4');
    expect(lost).toHaveLength(2);
    for (const f of lost) fs.rmSync(f.path);
    const engine = new Engine();
    try {
      await engine.ingest(files.filter((f) => !lost.includes(f)).map((f) => f.path));
      const report = await engine.incidents();
      const swarm = truth.swarm!;
      expect(report.incidents.map((i) => [i.firstDay, i.lastDay])).toEqual([[swarm.days[0], swarm.days[swarm.days.length - 1]]]);
      // The usual hour is of the hours with logs, not of the weeks without.
      expect(report.baseline.medianIps).toBeGreaterThan(10);
      // So are the case's hours: at some hundred attempts an hour, every hour with logs has an attempt.
      const perHour = await engine.perHour({ from: null, to: null, countries: [], search: '' });
      const hoursWithAttempts = perHour.filter((h) => h.attempts > 0).length;
      const hourOf = (h: { hour: string }): number => Date.parse(`${h.hour}:00:00Z`) / 3_600_000;
      const span = hourOf(perHour[perHour.length - 1]) - hourOf(perHour[0]) + 1;
      expect(span - hoursWithAttempts).toBeGreaterThan(13 * 24);
      expect(report.hours).toBe(hoursWithAttempts);
    } finally {
      await engine.dispose();
    }
  }, 120_000);
});

/**
 * A year of mail logs with a month of sshd logs beside it, around the mail swarm (and, with `sshSwarm`, three
 * hundred addresses trying sshd once each over six hours a week after the mail swarm, from `sshSwarmStart`).
 */
async function writeMixedLogs(name: string, sshSwarm: boolean): Promise<{ paths: string[]; mailSwarm: { start: string; end: string }; sshSwarmStart: number }> {
  const logs = path.join(dir, name);
  const { truth } = await writeSingleLog(path.join(logs, 'mail.log'), { seed: 3, start: '2023-03-01', days: 320 });
  const swarm = truth.swarm!;
  const monthStart = new Date(seconds(`${swarm.days[0]} 00:00`) * 1000 - 12 * 86_400_000).toISOString().slice(0, 10);
  const auth = generateAuthLog({ seed: 9, start: monthStart, days: 30, connectionsPerDay: 400, addresses: 6000 });
  const lines = auth.lines();
  if (sshSwarm) {
    // Three hundred addresses trying sshd once each, over six hours a week after the mail swarm.
    const at = seconds(`${swarm.days[swarm.days.length - 1]} 00:00`) * 1000 + 7 * 86_400_000 + 5 * 3_600_000;
    for (let i = 0; i < 300; i++) {
      const ms = at + i * 72_000;
      const stamp = new Date(ms).toUTCString().slice(8, 11) + ' ' + String(new Date(ms).getUTCDate()).padStart(2, ' ') + ' ' + new Date(ms).toISOString().slice(11, 19);
      const text = `${stamp} mx sshd[${40000 + i}]: Failed password for invalid user admin from 198.18.${i >> 8}.${i & 255} port 4${String(i).padStart(4, '0')} ssh2`;
      lines.push({ ms, text, seq: lines.length });
    }
    lines.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  }
  const authPath = path.join(logs, 'auth.log');
  fs.writeFileSync(authPath, authLogText(lines));
  const last = new Date(lines[lines.length - 1].ms + 1000);
  fs.utimesSync(authPath, last, last);
  const sshSwarmStart = seconds(`${swarm.days[swarm.days.length - 1]} 00:00`) + 7 * 86_400 + 5 * HOUR;
  return { paths: [path.join(logs, 'mail.log'), authPath], mailSwarm: swarm, sshSwarmStart };
}

describe('incidents of a year of mail logs with a month of sshd logs beside it', () => {
  // What an admin who kept auth.log for a month only brings: from that month on, the case's hours hold sshd's
  // attackers too. That step is coverage, not a swarm, and it must not swallow the mail swarm inside it.
  async function mixedCase(name: string, sshSwarm: boolean): Promise<{ report: IncidentReport; mailSwarm: { start: string; end: string } }> {
    const { paths, mailSwarm: swarm } = await writeMixedLogs(name, sshSwarm);
    const engine = new Engine();
    try {
      await engine.ingest(paths);
      const services = await engine.services({ from: null, to: null, countries: [], search: '' });
      expect(services.find((s) => s.service === 'ssh')!.attempts).toBeGreaterThan(8_000);
      return { report: await engine.incidents(), mailSwarm: swarm };
    } finally {
      await engine.dispose();
    }
  }

  it('finds the mail swarm alone, not the month the sshd logs cover', async () => {
    const { report, mailSwarm } = await mixedCase('mail-and-a-month-of-ssh', false);
    expect(report.incidents).toHaveLength(1);
    const [incident] = report.incidents;
    expect(Math.abs(seconds(incident.start) - seconds(mailSwarm.start))).toBeLessThanOrEqual(3 * HOUR);
    expect(Math.abs(seconds(incident.end) - seconds(mailSwarm.end))).toBeLessThanOrEqual(3 * HOUR);
  }, 120_000);

  it('finds a swarm at sshd within that month too, as an incident of its own', async () => {
    const { report, mailSwarm } = await mixedCase('mail-and-a-month-of-ssh-with-a-swarm', true);
    expect(report.incidents).toHaveLength(2);
    const [mail, ssh] = report.incidents;
    expect(Math.abs(seconds(mail.start) - seconds(mailSwarm.start))).toBeLessThanOrEqual(3 * HOUR);
    const sshStart = seconds(`${mailSwarm.end.slice(0, 10)} 00:00`) + 7 * 86_400 + 5 * HOUR;
    expect(Math.abs(seconds(ssh.start) - sshStart)).toBeLessThanOrEqual(HOUR);
    expect(ssh.hours).toBeLessThanOrEqual(8);
    expect(ssh.users.map((u) => u.value)).toContain('admin');
    // Each names the services its attempts knocked on, all of its attempts among them: sshd's swarm is sshd's.
    expect(ssh.services[0]).toEqual({ service: 'ssh', attempts: expect.any(Number) });
    expect(ssh.services[0].attempts).toBeGreaterThanOrEqual(300);
    for (const incident of [mail, ssh]) expect(incident.services.reduce((n, s) => n + s.attempts, 0)).toBe(incident.attempts);
    expect(mail.services.map((s) => s.service)).toContain('imap');
  }, 120_000);
});

describe('incidents of the services chosen, in a case of a mail swarm and an sshd swarm a week apart', () => {
  // What the Services tab and `--service` ask: the swarms at those services alone, each figure counted on their
  // attempts only, as the saved case's `attempt` view counts them.
  let engine: Engine;
  let db: Database;
  let mailSwarm: { start: string; end: string };
  let sshSwarmStart: number;
  beforeAll(async () => {
    let paths: string[];
    ({ paths, mailSwarm, sshSwarmStart } = await writeMixedLogs('services-chosen', true));
    engine = new Engine();
    await engine.ingest(paths);
    const casePath = path.join(dir, 'services-chosen.sqlite');
    await engine.saveCase(casePath);
    db = new (await loadSqlJs()).Database(fs.readFileSync(casePath));
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await engine?.dispose();
  });

  /** Attempts and distinct addresses of the `attempt` view at `services` from `start` to `end` (wall-clock hours). */
  function counted(services: string[], start?: string, end?: string): { attempts: number; ips: number } {
    const span = start && end ? ' AND ts >= ? AND ts < ?' : '';
    const params = [...services, ...(start && end ? [`${start}:00`, `${end}:00`] : [])];
    const [attempts, ips] = db.exec(`SELECT count(*), count(DISTINCT ip) FROM attempt WHERE service IN (${services.map(() => '?').join(', ')})${span}`, params)[0].values[0];
    return { attempts: Number(attempts), ips: Number(ips) };
  }
  const near = (hour: string, truth: number, hours: number): boolean => Math.abs(seconds(hour) - truth) <= hours * HOUR;

  it('finds both swarms with no service chosen: the whole case', async () => {
    const report = await engine.incidents();
    expect(report.services).toEqual([]);
    expect(report.incidents).toHaveLength(2);
    expect(near(report.incidents[0].start, seconds(mailSwarm.start), 3)).toBe(true);
    expect(near(report.incidents[1].start, sshSwarmStart, 1)).toBe(true);
  });

  it('finds the sshd swarm alone at ssh, counted on the ssh attempts only', async () => {
    const report = await engine.incidents(FAIL2BAN_DEFAULTS, ['ssh']);
    expect(report.services).toEqual(['ssh']);
    expect(report.incidents).toHaveLength(1);
    const [ssh] = report.incidents;
    expect(near(ssh.start, sshSwarmStart, 1)).toBe(true);
    expect(ssh.hours).toBeLessThanOrEqual(8);
    expect({ attempts: ssh.attempts, ips: ssh.ips }).toEqual(counted(['ssh'], ssh.start, ssh.end));
    expect(ssh.services).toEqual([{ service: 'ssh', attempts: ssh.attempts }]);
    expect(ssh.users.map((u) => u.value)).toContain('admin');
    // The whole report is of sshd's month: its attempts and addresses, and the hours its logs cover.
    expect({ attempts: report.attempts, ips: report.ips }).toEqual(counted(['ssh']));
    expect(report.hours).toBeLessThanOrEqual(31 * 24);
  });

  it('finds the mail swarm alone at imap and pop3, counted on their attempts only', async () => {
    const report = await engine.incidents(FAIL2BAN_DEFAULTS, ['pop3', 'imap']);
    expect(report.services).toEqual(['imap', 'pop3']);
    expect(report.incidents).toHaveLength(1);
    const [mail] = report.incidents;
    expect(near(mail.start, seconds(mailSwarm.start), 3)).toBe(true);
    expect(near(mail.end, seconds(mailSwarm.end), 3)).toBe(true);
    expect({ attempts: mail.attempts, ips: mail.ips }).toEqual(counted(['imap', 'pop3'], mail.start, mail.end));
    expect(mail.services.map((s) => s.service).sort()).toEqual(['imap', 'pop3']);
    expect({ attempts: report.attempts, ips: report.ips }).toEqual(counted(['imap', 'pop3']));
  });

  it('finds none at a service the case does not hold', async () => {
    const report = await engine.incidents(FAIL2BAN_DEFAULTS, ['ftp']);
    expect(report).toMatchObject({ services: ['ftp'], attempts: 0, ips: 0, incidents: [] });
  });

  it('keeps one report per threshold and services: another filter is another question, the same in another order is not', async () => {
    const whole = await engine.incidents();
    const ssh = await engine.incidents(FAIL2BAN_DEFAULTS, ['ssh']);
    const reads = vi.spyOn(CaseStore.prototype, 'eachRow');
    try {
      expect(await engine.incidents(FAIL2BAN_DEFAULTS, ['ssh'])).toBe(ssh);
      expect(reads).not.toHaveBeenCalled();
      // The report kept is the ssh one: asking for the whole case again is counted again, not given ssh's.
      expect(await engine.incidents()).toEqual(whole);
      expect(reads).toHaveBeenCalled();
      const mail = await engine.incidents(FAIL2BAN_DEFAULTS, ['pop3', 'imap']);
      reads.mockClear();
      expect(await engine.incidents(FAIL2BAN_DEFAULTS, ['imap', 'pop3'])).toBe(mail);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });
});

describe('the hours of a quiet case', () => {
  it('count a day without a failed login as logged when its users logged in, and a day with neither as missing', async () => {
    const start = seconds('2023-05-01 00:00:00');
    // A quiet server: a try every three hours or so, but none at all on May 3rd and 4th; a user logs in every
    // hour of the first ten days, and the logs of May 7th and 8th are lost (no tries and no logins).
    const attempts = background(start, 10).filter((a) => {
      const day = Math.floor((a.ts - start) / 86_400);
      return day !== 2 && day !== 3 && day !== 6 && day !== 7;
    });
    const store = await storeOf(attempts);
    try {
      const logins = Array.from({ length: 10 * 24 }, (_, h) => ({ ts: start + h * HOUR + 600, ip: '198.51.100.7', user: 'alice', service: 'imap', line: 0 }))
        .filter((l) => Math.floor((l.ts - start) / 86_400) !== 6 && Math.floor((l.ts - start) / 86_400) !== 7);
      store.addLogins(store.beginSource({ path: '/var/log/mail.log.1', encoding: 'plain', headHash: 'logins', mtime: 0 }), logins);
      const report = incidents(store);
      const first = Math.floor(attempts[0].ts / HOUR);
      const last = Math.floor(attempts[attempts.length - 1].ts / HOUR);
      // Every hour from the first try to the last, but the two lost days.
      expect(report.hours).toBe(last - first + 1 - 2 * 24);
    } finally {
      store.close();
    }
  });

  it('of some services count their own logins only: the mail users\' logins do not fill the days sshd\'s logs lack', async () => {
    const start = seconds('2023-05-01 00:00:00');
    // An sshd whose log of May 4th to 7th is lost, beside a mail server whose users log in every hour of the ten days.
    const ssh = background(start, 10)
      .filter((a) => { const day = Math.floor((a.ts - start) / 86_400); return day < 3 || day > 6; })
      .map((a) => ({ ...a, service: 'ssh' }));
    const mail = background(start, 10);
    const store = await storeOf([...ssh, ...mail]);
    try {
      const logins = Array.from({ length: 10 * 24 }, (_, h) => ({ ts: start + h * HOUR + 600, ip: '198.51.100.7', user: 'alice', service: 'imap', line: 0 }));
      store.addLogins(store.beginSource({ path: '/var/log/mail.log.1', encoding: 'plain', headHash: 'logins', mtime: 0 }), logins);
      const hours = ssh.map((a) => Math.floor(a.ts / HOUR)).sort((a, b) => a - b);
      // The hours from sshd's first try to its last, but those between its last try before the loss and its first after.
      const lost = hours.reduce((most, hour, i) => Math.max(most, i ? hour - hours[i - 1] - 1 : 0), 0);
      expect(lost).toBeGreaterThan(4 * 24);
      expect(incidents(store, FAIL2BAN_DEFAULTS, ['ssh']).hours).toBe(hours[hours.length - 1] - hours[0] + 1 - lost);
      // The mail server's hours are all there.
      expect(incidents(store, FAIL2BAN_DEFAULTS, ['imap']).hours).toBe(Math.floor(mail[mail.length - 1].ts / HOUR) - Math.floor(mail[0].ts / HOUR) + 1);
    } finally {
      store.close();
    }
  });
});

describe('incidents asked again', () => {
  it('are not counted again while the case is unchanged, and are once logs were added', async () => {
    const logs = path.join(dir, 'again');
    const { files } = await writeRotatedLogs(logs, { seed: 11, start: '2023-03-01', days: 40 }, { compress: false });
    const engine = new Engine();
    const reads = vi.spyOn(CaseStore.prototype, 'eachRow');
    try {
      await engine.ingest(files.slice(0, -2).map((f) => f.path));
      const first = await engine.incidents();
      const readsForOne = reads.mock.calls.length;
      expect(readsForOne).toBeGreaterThan(0);
      // What the viewer asks at the end of an ingest, between two questions about the same case.
      await engine.overview();
      await engine.summary({ from: null, to: null, countries: [], search: '' });
      reads.mockClear();
      expect(await engine.incidents({ ...FAIL2BAN_DEFAULTS })).toEqual(first);
      expect(reads).not.toHaveBeenCalled();
      // Another threshold is another question.
      const strict = await engine.incidents({ maxretry: 2, findtime: 3600, bantime: 3600 });
      expect(reads).toHaveBeenCalled();
      expect(strict.missedAttempts).toBeLessThan(first.missedAttempts);
      // More logs: counted again, with their attempts.
      await engine.ingest(files.slice(-2).map((f) => f.path));
      reads.mockClear();
      const after = await engine.incidents();
      expect(reads).toHaveBeenCalled();
      const summary = await engine.summary({ from: null, to: null, countries: [], search: '' });
      expect(after.attempts).toBe(summary.attempts);
      expect(after.attempts).toBeGreaterThan(first.attempts);
    } finally {
      reads.mockRestore();
      await engine.dispose();
    }
  }, 120_000);
});

describe('incidents of hand-made cases', () => {
  const from = seconds('2024-01-01 00:00');

  it('a single address hammering for a day (which the threshold catches) is no incident', async () => {
    const hammer: AttemptRecord[] = [];
    for (let t = 0; t < 86_400; t += 5) hammer.push({ ts: from + 10 * 86_400 + t, ip: '203.0.113.66', user: 'info', password: null, service: 'smtp', line: 0 });
    const store = await storeOf([...background(from, 28), ...hammer]);
    const report = incidents(store);
    expect(report.incidents).toEqual([]);
    // Five tries then a ban of 600 s, again and again: the threshold stops most of it.
    expect(report.missedAttempts).toBeLessThan(report.attempts - hammer.length * 0.9);
    expect(report.missedIps).toBe(report.ips - 1);
    store.close();
  });

  it('finds 40 new addresses trying once each within two hours, and names what they tried, as text', async () => {
    const swarmStart = from + 14 * 86_400 + 5 * HOUR;
    const swarm: AttemptRecord[] = Array.from({ length: 40 }, (_, i) => ({
      ts: swarmStart + i * 170, ip: `198.51.${100 + (i >> 4)}.${i & 15}`, user: i % 4 ? '<img src=x onerror=alert(1)>' : null, password: null, service: 'imap', line: 0,
    }));
    const store = await storeOf([...background(from, 28), ...swarm]);
    const report = incidents(store);
    expect(report.incidents).toHaveLength(1);
    const [incident] = report.incidents;
    // One background address (two tries at 06:30 and 06:32) falls within those hours too.
    expect(incident).toMatchObject({
      start: '2024-01-15 05:00', end: '2024-01-15 07:00', hours: 2, firstDay: '2024-01-15', lastDay: '2024-01-15', ips: 41, oneShotIps: 40,
      oneShotShare: 40 / 41, newIps: 41, missedIps: 41, missedAttempts: 42, attempts: 42, countries: 0,
    });
    expect(incident.users).toEqual([
      { value: '<img src=x onerror=alert(1)>', attempts: 30 }, { value: null, attempts: 10 }, { value: 'admin', attempts: 1 }, { value: 'root', attempts: 1 },
    ]);
    store.close();
  });

  it('does not report 20 such addresses: a handful more than usual is not yet a swarm', async () => {
    const swarmStart = from + 14 * 86_400 + 5 * HOUR;
    const swarm: AttemptRecord[] = Array.from({ length: 20 }, (_, i) => ({ ts: swarmStart + i * 170, ip: `198.51.100.${i}`, user: 'x', password: null, service: 'imap', line: 0 }));
    const store = await storeOf([...background(from, 28), ...swarm]);
    expect(incidents(store).incidents).toEqual([]);
    store.close();
  });
});

/** The verdicts of a replay of [seconds, address] attempts. */
function replay(attempts: [number, number][], options: ThresholdOptions = FAIL2BAN_DEFAULTS): Verdict[] {
  const simulator = new ThresholdSimulator(options, 4, 2);
  return attempts.map(([ts, ip]) => simulator.attempt(ts, ip));
}

const P = Verdict.Passed;
const T = Verdict.Tripped;
const B = Verdict.Blocked;

describe('the per-IP threshold replay (fail2ban: 5 tries in 600 s, banned 600 s)', () => {
  it('trips on the fifth try when the five lie within exactly 600 seconds, and blocks what follows', () => {
    expect(replay([[0, 1], [100, 1], [200, 1], [300, 1], [600, 1], [601, 1], [1199, 1]])).toEqual([P, P, P, P, T, B, B]);
  });

  it('does not trip when the fifth try is 601 seconds after the first: the window slides on', () => {
    expect(replay([[0, 1], [100, 1], [200, 1], [300, 1], [601, 1]])).toEqual([P, P, P, P, P]);
    // The sixth try has the last five within 600 s (100..700).
    expect(replay([[0, 1], [100, 1], [200, 1], [300, 1], [601, 1], [700, 1]])).toEqual([P, P, P, P, P, T]);
  });

  it('lets the address in again when the ban ends, and counts from zero then', () => {
    const afterBan = 4 + 600;
    const verdicts = replay([
      [0, 1], [1, 1], [2, 1], [3, 1], [4, 1], // trips at 4: banned until 604
      [603, 1], // still banned
      [afterBan, 1], [afterBan + 1, 1], [afterBan + 2, 1], [afterBan + 3, 1], // four: not yet
      [afterBan + 4, 1], // the fifth after the ban trips again
    ]);
    expect(verdicts).toEqual([P, P, P, P, T, B, P, P, P, P, T]);
  });

  it('does not count tries made during a ban towards the next one', () => {
    const tries: [number, number][] = [[0, 1], [1, 1], [2, 1], [3, 1], [4, 1]];
    for (let t = 10; t < 600; t += 10) tries.push([t, 1]); // 59 blocked tries
    tries.push([604, 1], [605, 1], [606, 1], [607, 1]);
    const verdicts = replay(tries);
    expect(verdicts.slice(0, 5)).toEqual([P, P, P, P, T]);
    expect(verdicts.slice(5, -4).every((v) => v === B)).toBe(true);
    expect(verdicts.slice(-4)).toEqual([P, P, P, P]);
  });

  it('keeps addresses apart: five addresses with four tries each are never caught', () => {
    const tries: [number, number][] = [];
    for (let round = 0; round < 4; round++) for (let ip = 0; ip < 5; ip++) tries.push([round * 10 + ip, ip]);
    expect(replay(tries).every((v) => v === P)).toBe(true);
    // One more from address 3 trips it alone.
    tries.push([50, 3]);
    expect(replay(tries).at(-1)).toBe(T);
  });

  it('follows the settings: maxretry 1 bans at the first try; tries in the same second as the trip are blocked', () => {
    expect(replay([[0, 7], [0, 7], [59, 7], [60, 7]], { maxretry: 1, findtime: 1, bantime: 60 })).toEqual([T, B, B, T]);
  });

  it('grows past its first capacity for addresses and attempts', () => {
    const tries: [number, number][] = [];
    for (let i = 0; i < 5000; i++) tries.push([i, 1000 + (i % 50)]);
    const verdicts = replay(tries);
    // Each address tries every 50 s: its fifth try lies 200 s after its first.
    expect(verdicts.filter((v) => v === T).length).toBeGreaterThan(0);
    expect(verdicts.slice(0, 200).every((v) => v === P)).toBe(true);
    expect(verdicts[200]).toBe(T);
  });
});
