// The incidents command's text, its threshold options and the durations they take.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { writeSingleLog } from '../../src-main/engine/generate/write';
import { UsageError } from '../../src-main/cli/args';
import { formatIncidents, thresholdFrom } from '../../src-main/cli/incidents-command';
import { FAIL2BAN_DEFAULTS, type Incident, type IncidentReport } from '../../src-main/shared/api';
import { describeThreshold, formatDuration, parseDuration } from '../../src-main/shared/threshold-text';

const incident: Incident = {
  start: '2023-11-10 03:00', end: '2023-11-12 15:00', hours: 60, firstDay: '2023-11-10', lastDay: '2023-11-12',
  attempts: 3_072, ips: 1_942, oneShotIps: 1_243, oneShotShare: 1_243 / 1_942, attemptsPerIp: 3_072 / 1_942, newIps: 1_900, countries: 87,
  users: [
    { value: 'info@example.com', attempts: 1_200 },
    { value: '\u001b]0;pwned\u0007\u001b[2Jadmin', attempts: 40 },
    { value: 'abc\u202edcba', attempts: 7 },
    { value: null, attempts: 3 },
  ],
  services: [{ service: 'imap', attempts: 2_000 }, { service: 'ssh\u001b[2J', attempts: 1_000 }, { service: null, attempts: 72 }],
  missedAttempts: 3_000, missedIps: 1_930,
  peak: { hour: '2023-11-11 08:00', ips: 92, baselineIps: 2, deviations: 60.7 },
};
const report: IncidentReport = {
  threshold: FAIL2BAN_DEFAULTS, services: [], attempts: 30_483, ips: 8_858, undatedAttempts: 0, missedAttempts: 26_000, missedIps: 8_500, hours: 7_680,
  baseline: { medianIps: 1, madIps: 1 }, incidents: [incident],
};

describe('formatIncidents', () => {
  const text = formatIncidents(report);

  it('says what a per-IP threshold would have missed, for the case and for each incident', () => {
    expect(text).toContain("Per-IP threshold:  5 tries in 10 min (banned 10 min), fail2ban's defaults\n");
    expect(text).toContain('would have missed 26,000 of 30,483 attempts (85.3%) and never caught 8,500 of 8,858 IPs');
    expect(text).toContain('#1  2023-11-10 03:00 – 2023-11-12 15:00  (60 hours; days 2023-11-10 – 2023-11-12)\n');
    expect(text).toContain('    Threshold:         would have missed 3,000 of 3,072 attempts (97.7%) and never caught 1,930 of 1,942 IPs\n');
    expect(text).toContain('    One-shot IPs:      1,243 (64.0%)\n');
    // The services the swarm knocked on, most first, a name from the log escaped as the user names are.
    expect(text).toContain('    Services:          imap 2,000 · ssh\\x1b[2J 1,000 · not logged 72\n');
    expect(text).toContain('    Peak hour:         2023-11-11 08:00: 92 IPs the threshold did not catch, against 2 IPs in a usual hour (60.7 deviations above)\n');
  });

  it('prints user names from the log with their control and reordering characters escaped, in aligned counts', () => {
    const users = text.split('Users tried most:')[1].split('\n').slice(1, 5);
    expect(users).toEqual([
      '      1,200  info@example.com',
      '         40  \\x1b]0;pwned\\x07\\x1b[2Jadmin',
      '          7  abc\\u202edcba',
      '          3  (not logged)',
    ]);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it('says when nothing was found, what that rules out and what it does not, and names a threshold that is not the default', () => {
    const none = formatIncidents({ ...report, threshold: { maxretry: 3, findtime: 3600, bantime: 86_400 }, incidents: [] });
    expect(none).toContain('Per-IP threshold:  3 tries in 1 h (banned 1 day)\n');
    expect(none).toContain('No incident found: at no time did dozens more IPs than usual try at once, so no large swarm hides here. A thin one');
    // A case of logins only: no figures of nothing ("0 attempts over 0 hours of logs").
    expect(formatIncidents({ ...report, attempts: 0, ips: 0, hours: 0, incidents: [] })).toBe('No incident found: the case holds no attempts.\n');
  });

  it('says how many attempts it left out for want of a time stamp, under the whole case\'s figures', () => {
    expect(text).not.toContain('without a time stamp');
    const withUndated = formatIncidents({ ...report, undatedAttempts: 469 });
    expect(withUndated).toContain('Whole case:        30,483 attempts from 8,858 IPs over 7,680 hours of logs\n'
      + "                   469 attempts read from lines without a time stamp, all dated at their file's last change, are left out (see the file's report)\n");
    expect(formatIncidents({ ...report, attempts: 0, ips: 0, hours: 0, incidents: [], undatedAttempts: 1 })).toBe('No incident found: the case holds no attempts '
      + "with a time; 1 attempt read from lines without a time stamp, all dated at their file's last change, are left out (see the file's report).\n");
  });

  it('ends each incident with the blocklist command of its hours, when it knows the case, quoted for a shell', () => {
    expect(text).not.toContain('Its IPs');
    expect(formatIncidents(report, '/cases/mail.sqlite')).toContain(
      "    Its IPs:           swarmscope blocklist /cases/mail.sqlite --from '2023-11-10 03:00' --to '2023-11-12 15:00'\n");
    // A path with a space, a quote and an escape: one shell word, and nothing a terminal obeys.
    const hostile = formatIncidents({ ...report, services: ['ssh', ''] }, "/cases/it's here\u001b[2J.sqlite");
    expect(hostile).toContain("blocklist '/cases/it'\\''s here\\x1b[2J.sqlite' --from '2023-11-10 03:00' --to '2023-11-12 15:00' --service 'ssh,not logged'\n");
  });

  it('says first which services its figures are of, when it is of some, a name from the log escaped', () => {
    const of = formatIncidents({ ...report, services: ['', 'ssh\u001b[2J'] });
    expect(of).toMatch(/^Services: +not logged, ssh\\x1b\[2J: only their attempts and logins, their own threshold\nTheir attempts: +30,483 attempts from 8,858 IPs/);
    expect(of).not.toContain('Whole case');
    expect(formatIncidents({ ...report, services: ['ssh'] })).toMatch(/^Service: +ssh: /);
    expect(formatIncidents({ ...report, services: ['ssh'], attempts: 0, ips: 0, hours: 0, incidents: [] })).toBe('No incident found: the case holds no attempts at ssh.\n');
  });
});

describe('formatIncidents of a case too short to know its usual hour', () => {
  it('does not say that nothing hid in a day of logs that a swarm fills, but that the day is too short to tell', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmscope-short-'));
    const engine = new Engine();
    try {
      // One day of logs, 20 hours of which a swarm of 400 addresses tries 500 times.
      const { files, truth } = await writeSingleLog(path.join(dir, 'mail.log'), {
        seed: 21, start: '2023-03-01', days: 1, swarm: { start: '2023-03-01 02:00', hours: 20, attempts: 500, ips: 400 },
      });
      await engine.ingest([files[0].path]);
      const report = await engine.incidents();
      expect(report.attempts).toBe(truth.attempts);
      expect(report.missedIps).toBeGreaterThan(truth.swarm!.ips * 0.9);
      // The swarm is the usual of its own day: the detector cannot tell it, and the text must not reassure.
      expect(report.incidents).toEqual([]);
      const text = formatIncidents(report);
      expect(text).not.toContain('no large swarm hides here');
      expect(text).toContain(`No incident found, but the case holds only ${report.hours} hours of logs: too few to know what a usual hour is`);
    } finally {
      await engine.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('threshold options', () => {
  it("default to fail2ban's and read durations as jail.conf writes them", () => {
    expect(thresholdFrom({})).toEqual(FAIL2BAN_DEFAULTS);
    expect(thresholdFrom({ maxretry: '3', findtime: '1h30m', bantime: '600' })).toEqual({ maxretry: 3, findtime: 5400, bantime: 600 });
    expect(thresholdFrom({ findtime: '2d', bantime: '1w' })).toMatchObject({ findtime: 172_800, bantime: 604_800 });
  });

  it('refuse what is no count or no duration, naming the option', () => {
    for (const [values, option] of [
      [{ maxretry: '0' }, '--maxretry'], [{ maxretry: 'five' }, '--maxretry'], [{ maxretry: '5.5' }, '--maxretry'],
      [{ findtime: '10 minutes' }, '--findtime'], [{ findtime: '0' }, '--findtime'], [{ bantime: '-1' }, '--bantime'], [{ bantime: '' }, '--bantime'],
    ] as const) {
      expect(() => thresholdFrom(values), JSON.stringify(values)).toThrow(UsageError);
      expect(() => thresholdFrom(values), JSON.stringify(values)).toThrow(option);
    }
  });
});

describe('durations', () => {
  it('parse seconds and units, and print back in the largest exact units', () => {
    // Spaces as fail2ban takes them too: between a number and its unit, and between parts.
    expect(['600', '10m', '10M', '1h', '1h30m', '1d', '1w', '90s', ' 5m ', '10 m', '1h 30m'].map(parseDuration))
      .toEqual([600, 600, 600, 3600, 5400, 86_400, 604_800, 90, 300, 600, 5400]);
    expect(['', 'm', '10x', '1.5h', '-5', '10 30', 'h1'].map(parseDuration)).toEqual([null, null, null, null, null, null, null]);
    expect([600, 3600, 5400, 86_400, 172_800, 45, 0].map(formatDuration)).toEqual(['10 min', '1 h', '1 h 30 min', '1 day', '2 days', '45 s', '0 s']);
    expect(describeThreshold({ maxretry: 1, findtime: 60, bantime: 3600 })).toBe('1 try in 1 min (banned 1 h)');
  });
});
