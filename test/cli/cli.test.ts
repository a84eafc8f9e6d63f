// The built CLI end to end: generate a year of rotated logs, ingest them through the worker, and check the
// summary's exact figures against what the generator put in. Runs `out/` (npm test builds it first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedTruth } from '../../src-main/engine/generate/truth';
import type { SummaryReport } from '../../src-main/cli/summary-command';
import type { IncidentReport } from '../../src-main/shared/api';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'swarmscope.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI given a few seconds: one that hangs or reads without end is killed, and its code is null. */
function quickCli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('swarmscope CLI', () => {
  const logs = path.join(dir, 'logs');
  const casePath = path.join(dir, 'case.sqlite');
  let truth: GeneratedTruth;

  beforeAll(() => {
    expect(fs.existsSync(path.join(root, 'out', 'main', 'cli.js')), 'run `npm run build` before the CLI tests').toBe(true);
    const gen = cli('generate', '--out', logs, '--seed', '3', '--start', '2023-03-01', '--days', '320', '--gzip');
    expect(gen.code, gen.stderr).toBe(0);
    truth = JSON.parse(fs.readFileSync(path.join(logs, 'truth.json'), 'utf8'));
    fs.renameSync(path.join(logs, 'truth.json'), path.join(dir, 'truth.json'));
  });

  it('ingests a generated year and its summary matches the truth exactly', () => {
    const ingest = cli('ingest', logs, '--case', casePath);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stderr).toMatch(/lines = .* attempt \+ .* login \+ .* ignored \+ .* unparsed/);
    expect(ingest.stderr).toMatch(/ logins from [\d,]+ files in /);
    expect(ingest.stderr).not.toContain('(s)');
    const out = cli('summary', casePath, '--json');
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as SummaryReport;
    expect(report.summary.attempts).toBe(truth.attempts);
    expect(report.summary.ips).toBe(truth.ips);
    expect(report.summary.oneShotIps).toBe(truth.oneShotIps);
    expect(report.summary.logins).toBe(truth.logins);
    expect(report.summary.countries).toBe(truth.countries);
    expect(report.summary.firstDay).toBe(truth.perDay.find((d) => d.attempts > 0)!.day);
    expect(Object.fromEntries(report.services.map((v) => [v.service, v.attempts]))).toEqual(truth.services);
    expect(report.services.map((v) => v.attempts)).toEqual([...report.services.map((v) => v.attempts)].sort((a, b) => b - a));
    expect(report.histogram.map((h) => [h.times, h.computers])).toEqual(truth.histogram.map((h) => [h.times, h.computers]));
    const days = new Map(report.perDay.map((d) => [d.day, d.attempts]));
    for (const d of truth.perDay) expect(days.get(d.day) ?? 0, d.day).toBe(d.attempts);
    for (const [cc, n] of Object.entries(truth.countryAttempts!)) {
      if (cc !== 'ZZ' && n >= report.topCountries[report.topCountries.length - 1].attempts) {
        expect(report.topCountries.find((c) => c.country === cc)?.attempts, cc).toBe(n);
      }
    }
  });

  it('finds the swarm as the one incident, in JSON and in text', () => {
    const s = truth.swarm!;
    const out = cli('incidents', casePath, '--json');
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as IncidentReport;
    expect(report.threshold).toEqual({ maxretry: 5, findtime: 600, bantime: 600 });
    expect(report.attempts).toBe(truth.attempts);
    expect(report.ips).toBe(truth.ips);
    expect(report.incidents).toHaveLength(1);
    const [incident] = report.incidents;
    const hours = (moment: string): number => Date.parse(`${moment.replace(' ', 'T')}Z`) / 3_600_000;
    expect(Math.abs(hours(incident.start) - hours(s.start))).toBeLessThanOrEqual(3);
    expect(Math.abs(hours(incident.end) - hours(s.end))).toBeLessThanOrEqual(3);
    expect(incident.ips / s.ips).toBeGreaterThan(0.95);
    expect(incident.ips / s.ips).toBeLessThan(1.1);
    expect(Object.keys(incident).sort()).toEqual([
      'attempts', 'attemptsPerIp', 'countries', 'end', 'firstDay', 'hours', 'ips', 'lastDay', 'missedAttempts', 'missedIps', 'newIps',
      'oneShotIps', 'oneShotShare', 'peak', 'services', 'start', 'users',
    ]);
    // A generated mail log: the swarm knocked on the mail server's doors only, every attempt of it counted once.
    expect(incident.services.map((v) => v.service)).not.toContain('ssh');
    expect(incident.services.reduce((n, v) => n + v.attempts, 0)).toBe(incident.attempts);

    const text = cli('incidents', casePath);
    expect(text.code, text.stderr).toBe(0);
    // The generator's attempts and IPs; the hours as the JSON report gives them.
    const whole = /^Whole case: +([\d,]+) attempts from ([\d,]+) IPs over ([\d,]+) hours of logs\n/.exec(text.stdout);
    expect(whole?.slice(1)).toEqual([truth.attempts, truth.ips, report.hours].map((v) => v.toLocaleString('en')));
    expect(report.hours).toBeGreaterThan(24 * 300);
    expect(text.stdout).toContain(`#1  ${incident.start} – ${incident.end}  (${incident.hours} hours; days ${incident.firstDay} – ${incident.lastDay})\n`);
    expect(text.stdout).toContain(`would have missed ${incident.missedAttempts.toLocaleString('en')} of ${incident.attempts.toLocaleString('en')} attempts`);
    expect(text.stdout).toContain(`  ${incident.users[0].value}\n`);

    const strict = JSON.parse(cli('incidents', casePath, '--json', '--maxretry', '2', '--findtime', '1d', '--bantime', '1w').stdout) as IncidentReport;
    expect(strict.threshold).toEqual({ maxretry: 2, findtime: 86_400, bantime: 604_800 });
    expect(strict.missedAttempts).toBeLessThan(report.missedAttempts);
  });

  it('prints for the incident the blocklist command of its hours, which lists its IPs and not the others of its days', () => {
    const [incident] = (JSON.parse(cli('incidents', casePath, '--json').stdout) as IncidentReport).incidents;
    const printed = /Its IPs: +(swarmscope blocklist .*)\n/.exec(cli('incidents', casePath).stdout)?.[1];
    expect(printed).toBe(`swarmscope blocklist ${casePath} --from '${incident.start}' --to '${incident.end}'`);
    const entries = (out: string): string[] => out.split('\n').filter((l) => l && !l.startsWith('#'));
    const hours = cli('blocklist', casePath, '--from', incident.start, '--to', incident.end, '--keep-private');
    expect(hours.code, hours.stderr).toBe(0);
    expect(entries(hours.stdout)).toHaveLength(incident.ips);
    expect(hours.stdout).toContain(`# Selection: ${incident.start} up to ${incident.end} (days ${incident.firstDay} to ${incident.lastDay});`);
    const days = entries(cli('blocklist', casePath, '--from', incident.firstDay, '--to', incident.lastDay, '--keep-private').stdout);
    expect(days.length).toBeGreaterThan(incident.ips);
    expect(days).toEqual(expect.arrayContaining(entries(hours.stdout)));

    const summary = JSON.parse(cli('summary', casePath, '--from', incident.start.replace(' ', 'T'), '--to', incident.end, '--json').stdout) as SummaryReport;
    expect(summary.hours).toEqual({ start: incident.start, end: incident.end });
    expect([summary.from, summary.to]).toEqual([incident.firstDay, incident.lastDay]);
    expect([summary.summary.attempts, summary.summary.ips, summary.summary.oneShotIps]).toEqual([incident.attempts, incident.ips, incident.oneShotIps]);
  });

  it('refuses bad incidents arguments with exit 2 and says which', () => {
    for (const [args, message] of [
      [['incidents'], /incidents takes exactly one case file/],
      [['incidents', casePath, casePath], /incidents takes exactly one case file/],
      [['incidents', casePath, '--maxretry', '0'], /--maxretry must be a whole number from 1 to 10000/],
      [['incidents', casePath, '--findtime', 'ten minutes'], /--findtime must be a duration/],
      [['incidents', casePath, '--bantime', '\u001b[2J'], /--bantime must be a duration .*not "\\u001b\[2J"/],
      [['incidents', casePath, '--from', '2023-01-01'], /Unknown option '--from'/],
      [['incidents', casePath, '--maxretry', '3', '--maxretry', '4'], /--maxretry is given more than once/],
    ] as const) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^swarmscope: /);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(cli('incidents', path.join(dir, 'no-such.sqlite')).code).toBe(1);
    expect(cli('--help').stdout).toContain('swarmscope incidents case.sqlite [--maxretry N] [--findtime 10m] [--bantime 10m] [--service NAME[,...]]...');
  });

  it('reports the swarm days on a date range', () => {
    const s = truth.swarm!;
    const out = cli('summary', casePath, '--from', s.days[0], '--to', s.days[s.days.length - 1], '--json');
    const report = JSON.parse(out.stdout) as SummaryReport;
    const inRange = truth.perDay.filter((d) => d.day >= s.days[0] && d.day <= s.days[s.days.length - 1]);
    expect(report.summary.attempts).toBe(inRange.reduce((n, d) => n + d.attempts, 0));
    expect(report.services.reduce((n, v) => n + v.attempts, 0)).toBe(report.summary.attempts);
    expect(report.summary.ips).toBeGreaterThanOrEqual(s.ips);
    expect(report.topDays[0].day >= s.days[0] && report.topDays[0].day <= s.days[s.days.length - 1]).toBe(true);
    const text = cli('summary', casePath, '--from', s.days[0], '--to', s.days[s.days.length - 1]).stdout;
    expect(text).toMatch(new RegExp(`^Selection: +${s.days[0]} – ${s.days[s.days.length - 1]}\\nAttempts: +${report.summary.attempts.toLocaleString('en')}\\n`));
    expect(cli('summary', casePath).stdout).toMatch(/^Selection: +all days\n/);
    expect(text).toMatch(new RegExp(`\\nServices: +${report.services.map((v) => `${v.service} ${v.attempts.toLocaleString('en')}`).join(' · ')}\\n`));
  });

  it('adds nothing on a second ingest of the same folder', () => {
    const again = cli('ingest', logs, '--case', casePath);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/added 0 attempts and 0 logins/);
  });

  it('adds only the tail of a log that grew since the last ingest, as if it had been read whole', () => {
    // A plain rotation of more than one read block, cut where the log is quiet for a quarter of an hour (no
    // try spans the cut), ingested in two goes through the threaded pipeline and compared with one go.
    const lines = fs.readFileSync(path.join(logs, 'mail.log.1'), 'utf8').split('\n').slice(0, -1);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const seconds = (line: string): number => {
      const [, mon, day, h, m, sec] = /^(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d)/.exec(line)!;
      return Date.UTC(2024, months.indexOf(mon), Number(day), Number(h), Number(m), Number(sec)) / 1000;
    };
    let cut = Math.floor(lines.length / 2);
    while (seconds(lines[cut]) - seconds(lines[cut - 1]) < 900) cut++;
    const grown = path.join(dir, 'grown', 'mail.log');
    const whole = path.join(dir, 'whole', 'mail.log');
    fs.mkdirSync(path.dirname(grown));
    fs.mkdirSync(path.dirname(whole));
    fs.writeFileSync(grown, lines.slice(0, cut).join('\n') + '\n');
    fs.writeFileSync(whole, lines.join('\n') + '\n');
    const added = (r: ReturnType<typeof cli>): [number, number] => {
      expect(r.code, r.stderr).toBe(0);
      const [, attempts, logins] = /added ([\d,]+) attempts and ([\d,]+) logins/.exec(r.stderr)!;
      return [Number(attempts.replace(/,/g, '')), Number(logins.replace(/,/g, ''))];
    };
    const grownCase = path.join(dir, 'grown.sqlite');
    const wholeCase = path.join(dir, 'whole.sqlite');
    const first = added(cli('ingest', grown, '--case', grownCase, '--year', '2024'));
    // The log as it was then and as it is now, read in one drop with a year given: the longer goes on from the
    // shorter, both dated by that year, with nothing to warn of.
    const oneDropCase = path.join(dir, 'one-drop.sqlite');
    const oneDrop = cli('ingest', grown, whole, '--case', oneDropCase, '--year', '2024');
    expect(oneDrop.stderr).toMatch(/continues .*grown\/mail\.log: its first [\d,]+ lines are already in the case/);
    expect(oneDrop.stderr).not.toMatch(/does not date again/);
    fs.appendFileSync(grown, lines.slice(cut).join('\n') + '\n');
    const tail = cli('ingest', grown, '--case', grownCase, '--year', '2024');
    expect(tail.stderr).toMatch(/continues .*mail\.log: its first [\d,]+ lines are already in the case/);
    expect(tail.stderr).toMatch(/ logins from 1 file in /);
    const second = added(tail);
    const once = added(cli('ingest', whole, '--case', wholeCase, '--year', '2024'));
    expect(first[0]).toBeGreaterThan(0);
    expect(second[0]).toBeGreaterThan(0);
    expect([first[0] + second[0], first[1] + second[1]]).toEqual(once);
    expect(added(oneDrop)).toEqual(once);
    expect(added(cli('ingest', grown, '--case', grownCase, '--year', '2024'))).toEqual([0, 0]);
    const { filesWithErrorsOrWarnings: grownWarned, ...grownFigures } = JSON.parse(cli('summary', grownCase, '--json').stdout) as SummaryReport;
    const { filesWithErrorsOrWarnings: wholeWarned, ...wholeFigures } = JSON.parse(cli('summary', wholeCase, '--json').stdout) as SummaryReport;
    expect(grownFigures).toEqual(wholeFigures);
    // Only the log read in goes was given a year again, which cannot date its lines already in the case again.
    expect(wholeWarned).toEqual([]);
    expect(grownWarned.map((f) => [f.path, f.errors, f.warnings.length])).toEqual([[grown, [], 1]]);
    expect(grownWarned[0].warnings[0]).toMatch(/^the year given \(2024\) does not date again the lines of .*mail\.log already in the case/);
  });

  it('says which file of an earlier ingest gave up tries to the log read now, and counts them off', () => {
    // dovecot's own log file (its lines name no server) and `grep 'auth failed'` of it kept in a working folder,
    // read first: its login lines say less than the log's auth lines, and give their tries up to the log.
    const own = fs.readFileSync(path.join(logs, 'mail.log'), 'utf8').split('\n')
      .filter((l) => / dovecot(?:\[\d+\])?: /.test(l))
      .map((l) => l.replace(/^(\w{3} [ \d]\d \d\d:\d\d:\d\d) \S+ dovecot(?:\[\d+\])?: ([\w-]+(?:\([^)]*\))?(?:<[^>]*>)*): /, '$1 $2: Info: '));
    expect(own.filter((l) => / dovecot(?:\[\d+\])?: /.test(l))).toEqual([]);
    const log = path.join(dir, 'own', 'var', 'dovecot.log');
    const extract = path.join(dir, 'own', 'case', 'failures.txt');
    // Dated by the log's time: the extract's first line may be in another year than the log's.
    const { mtime } = fs.statSync(path.join(logs, 'mail.log'));
    for (const [file, lines] of [[log, own], [extract, own.filter((l) => /-login: .*\(auth failed/.test(l))]] as const) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, lines.join('\n') + '\n');
      fs.utimesSync(file, mtime, mtime);
    }
    const attemptsOf = (file: string): number => (JSON.parse(cli('summary', file, '--json').stdout) as SummaryReport).summary.attempts;
    const alone = path.join(dir, 'own-alone.sqlite');
    expect(cli('ingest', log, '--case', alone).code).toBe(0);
    const twoGoes = path.join(dir, 'own-two-goes.sqlite');
    expect(cli('ingest', extract, '--case', twoGoes).code).toBe(0);
    const second = cli('ingest', log, '--case', twoGoes);
    expect(second.code, second.stderr).toBe(0);
    const [, given] = /failures\.txt \(read before\): ([\d,]+) attempts? of it are tries that .*dovecot\.log holds with their auth line/.exec(second.stderr) ?? [];
    expect(Number(given?.replace(/,/g, '')), second.stderr).toBeGreaterThan(0);
    expect(attemptsOf(twoGoes)).toBe(attemptsOf(alone));
  });

  it('turns an ingest away while another holds the case, and takes over a lock left by one that was killed', () => {
    const copy = path.join(dir, 'locked.sqlite');
    fs.copyFileSync(casePath, copy);
    const before = fs.readFileSync(copy);
    // A live process holds the case: this test's own.
    fs.writeFileSync(`${copy}.lock`, `${process.pid}\n`);
    const busy = cli('ingest', logs, '--case', copy);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`is being written by another swarmscope ingest (process ${process.pid})`);
    expect(fs.readFileSync(copy).equals(before)).toBe(true);
    expect(fs.readFileSync(`${copy}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    // A process that is gone.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(`${copy}.lock`, `${gone.stdout}\n`);
    const after = cli('ingest', logs, '--case', copy);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/added 0 attempts/);
    expect(fs.existsSync(`${copy}.lock`)).toBe(false);
  });

  it('writes a blocklist for the swarm in nftables syntax', () => {
    const s = truth.swarm!;
    const out = cli('blocklist', casePath, '--format', 'nftables', '--from', s.days[0], '--to', s.days[s.days.length - 1]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/table inet/);
    expect(out.stdout).toMatch(/elements = \{/);
    const file = path.join(dir, 'swarm.nft');
    const saved = cli('blocklist', casePath, '--format', 'nftables', '--from', s.days[0], '--to', s.days[s.days.length - 1], '--out', file);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toBe(`wrote ${(out.stdout.match(/^\t\t\t\S/gm) ?? []).length.toLocaleString('en')} entries to ${file}\n`);
    const none = cli('blocklist', casePath, '--min-attempts', '1000000000', '--out', file);
    expect(none.stderr).toBe(`wrote 0 entries to ${file}\n`);
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toMatch(/: 0 IP addresses with at least 1,000,000,000 attempts each$/);
  });

  it('takes --service for the summary and the blocklist: the figures of those services alone', () => {
    const whole: SummaryReport = JSON.parse(cli('summary', casePath, '--json').stdout);
    const row = (name: string) => whole.services.find((v) => v.service === name)!;
    expect(row('imap').attempts).toBeGreaterThan(0);
    expect(row('pop3').attempts).toBeGreaterThan(0);
    const imap = cli('summary', casePath, '--service', 'imap', '--json');
    expect(imap.code, imap.stderr).toBe(0);
    const imapReport: SummaryReport = JSON.parse(imap.stdout);
    expect(imapReport.selectedServices).toEqual(['imap']);
    expect([imapReport.summary.attempts, imapReport.summary.ips]).toEqual([row('imap').attempts, row('imap').ips]);
    expect(imapReport.services).toEqual([row('imap')]);
    // A list in one --service, or one --service each: the same selection.
    const both: SummaryReport = JSON.parse(cli('summary', casePath, '--service', 'imap, pop3', '--json').stdout);
    expect(both.summary.attempts).toBe(row('imap').attempts + row('pop3').attempts);
    expect(cli('summary', casePath, '--service', 'imap', '--service', 'pop3', '--json').stdout).toBe(JSON.stringify(both, null, 2) + '\n');
    expect(cli('summary', casePath, '--service', 'pop3').stdout).toMatch(new RegExp(`^Selection: +all days, service pop3\nAttempts: +${row('pop3').attempts.toLocaleString('en')}\n`));

    const body = (r: ReturnType<typeof cli>) => r.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    const pop3List = cli('blocklist', casePath, '--service', 'pop3', '--keep-private');
    expect(pop3List.code, pop3List.stderr).toBe(0);
    expect(pop3List.stdout).toMatch(/; services pop3;/);
    expect(body(pop3List).length).toBe(JSON.parse(cli('summary', casePath, '--service', 'pop3', '--json').stdout).summary.ips);
    expect(body(pop3List).length).toBeLessThan(body(cli('blocklist', casePath, '--keep-private')).length);

    // A service the case does not hold: an answer (nothing), with a word on stderr naming the ones it holds.
    const ssh = cli('blocklist', casePath, '--service', 'ssh');
    expect(ssh.code).toBe(0);
    expect(body(ssh)).toEqual([]);
    expect(ssh.stderr).toMatch(/^swarmscope: the selection holds no attempt of "ssh"; the case's services: .*imap.*pop3/);
    expect(cli('summary', casePath, '--service', 'imap, ssh').stderr).toMatch(/^swarmscope: the selection holds no attempt of "ssh"; /);
    expect(pop3List.stderr).toBe('');
    for (const bad of ['', 'imap pop3', 'ssh\u001b[2J']) {
      const r = cli('summary', casePath, '--service', bad);
      expect(r.code, bad).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--service takes a service as the log names it/);
      expect(r.stderr).not.toContain('\u001b');
    }
  });

  it('takes --service for incidents: the swarms at those services, every figure of their attempts alone', () => {
    const mail: SummaryReport = JSON.parse(cli('summary', casePath, '--service', 'imap, pop3', '--json').stdout);
    const out = cli('incidents', casePath, '--service', 'pop3, imap', '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout) as IncidentReport;
    expect(report.services).toEqual(['imap', 'pop3']);
    expect([report.attempts, report.ips]).toEqual([mail.summary.attempts, mail.summary.ips]);
    expect(report.attempts).toBeLessThan(truth.attempts);
    // The generated swarm tried imap and pop3 most: it is found there, its attempts those of imap and pop3 only.
    expect(report.incidents).toHaveLength(1);
    expect(report.incidents[0].services.map((v) => v.service).sort()).toEqual(['imap', 'pop3']);
    const text = cli('incidents', casePath, '--service', 'imap', '--service', 'pop3');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Services: +imap, pop3: only their attempts and logins, their own threshold\nTheir attempts: +${report.attempts.toLocaleString('en')} attempts from `));
    expect(text.stdout).not.toContain('Whole case');

    // A service the case does not hold: no incident, said as such, and a word on stderr naming the ones it holds.
    const ssh = cli('incidents', casePath, '--service', 'ssh');
    expect(ssh.code).toBe(0);
    expect(ssh.stdout).toBe('No incident found: the case holds no attempts at ssh.\n');
    expect(ssh.stderr).toMatch(/^swarmscope: the selection holds no attempt of "ssh"; the case's services: .*imap.*pop3/);
    const bad = cli('incidents', casePath, '--service', 'imap pop3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--service takes a service as the log names it/);
  });

  it('takes --country for the summary: the figures of those countries alone, as the blocklist lists them', () => {
    const whole: SummaryReport = JSON.parse(cli('summary', casePath, '--json').stdout);
    const [first, second] = whole.topCountries.filter((c) => c.country !== 'ZZ');
    const one = cli('summary', casePath, '--country', first.country, '--json');
    expect(one.code, one.stderr).toBe(0);
    const report: SummaryReport = JSON.parse(one.stdout);
    expect(report.selectedCountries).toEqual([first.country]);
    expect([report.summary.attempts, report.summary.ips, report.summary.countries]).toEqual([first.attempts, first.ips, 1]);
    expect(report.topCountries.map((c) => c.country)).toEqual([first.country]);
    const blocklist = cli('blocklist', casePath, '--country', first.country).stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(blocklist.length).toBe(first.ips);
    const two: SummaryReport = JSON.parse(cli('summary', casePath, '--country', `${first.country}, ${second.country}`, '--json').stdout);
    expect(two.summary.attempts).toBe(first.attempts + second.attempts);
    expect(cli('summary', casePath, '--country', first.country).stdout.split('\n')[0]).toBe(`Selection:       all days, country ${first.country}`);
    const bad = cli('summary', casePath, '--country', 'Atlantis');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--country takes a country name or a two-letter ISO code/);
  });

  it('takes --country as a code or an English name, and refuses one that is neither with exit 2', () => {
    const body = (r: ReturnType<typeof cli>) => r.stdout.split('\n').filter((l) => !l.startsWith('# Generated'));
    const [code, name, two] = [['CN'], ['china'], ['China', '--country', 'Russian Federation']].map((c) =>
      cli('blocklist', casePath, ...c.flatMap((v, i) => (i === 0 ? ['--country', v] : [v]))));
    for (const r of [code, name, two]) expect(r.code, r.stderr).toBe(0);
    expect(body(name)).toEqual(body(code));
    expect(body(two).length).toBeGreaterThan(body(code).length);
    const list = cli('blocklist', casePath, '--country', 'China, Russian Federation');
    expect(list.code, list.stderr).toBe(0);
    expect(body(list)).toEqual(body(two)); // a list in one --country, as the export dialog's Countries field takes it
    for (const bad of ['XX', 'Chna', 'China\u001b[2J']) {
      const r = cli('blocklist', casePath, '--country', bad);
      expect(r.code, bad).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--country takes a country name or a two-letter ISO code/);
      expect(r.stderr).not.toContain('\u001b');
    }
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" blocklist "${casePath}" --format csv | head -n 2`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(r.stderr).toBe('');
  });

  /** A device that takes no byte (ENOSPC), as /dev/full: made where we may (as root), else the system's, else none. */
  function fullDevice(): string | null {
    const made = path.join(dir, 'full');
    if (fs.existsSync(made) || spawnSync('mknod', ['-m', '666', made, 'c', '1', '7']).status === 0) return made;
    return fs.existsSync('/dev/full') && fs.statSync('/dev/full').isCharacterDevice() ? '/dev/full' : null;
  }

  it('exits 1 with a message when its output cannot be written, and stays quiet only for a closed pipe', () => {
    const readOnly = path.join(dir, 'read-only-output');
    fs.writeFileSync(readOnly, '');
    const full = fullDevice();
    for (const args of [['blocklist', casePath], ['summary', casePath]]) {
      const fd = fs.openSync(readOnly, 'r');
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', fd, 'pipe'], timeout: 60_000 });
      fs.closeSync(fd);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/^swarmscope: cannot write the output: /);
      expect(r.stderr).not.toMatch(/\n    at /);
      if (full) {
        const f = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" ${args.map((a) => `"${a}"`).join(' ')} > "${full}"`], { encoding: 'utf8', timeout: 60_000 });
        expect(f.status, `${args.join(' ')} > ${full}`).toBe(1);
        expect(f.stderr).toBe('swarmscope: cannot write the output: the disk is full\n');
      }
    }
  });

  it('writes --out into a device or a named pipe in place, and fails with exit 1 when the device takes nothing', () => {
    const full = fullDevice();
    if (full) {
      const r = cli('blocklist', casePath, '--out', full);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`swarmscope: cannot write ${full}: the disk is full\n`);
      expect(fs.statSync(full).isCharacterDevice()).toBe(true);
    }
    const fifo = path.join(dir, 'out.fifo');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const copy = path.join(dir, 'from-fifo.txt');
      const r = spawnSync('sh', ['-c', `cat "${fifo}" > "${copy}" & "${process.execPath}" "${bin}" blocklist "${casePath}" --out "${fifo}"; s=$?; wait; exit $s`], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(fs.statSync(fifo).isFIFO()).toBe(true);
      const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('# Generated'));
      expect(body(fs.readFileSync(copy, 'utf8'))).toEqual(body(cli('blocklist', casePath).stdout));
    }
    const link = path.join(dir, 'null-link');
    fs.symlinkSync('/dev/null', link);
    expect(cli('blocklist', casePath, '--out', link).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    const r = cli('blocklist', casePath, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^swarmscope: --out .* is a folder/);
  });

  it('does not write a blocklist over the case, another case, a log read into it or a copy of one, or an archive: exit 2, each left as it was', () => {
    const link = path.join(dir, 'case-link.sqlite');
    fs.symlinkSync(casePath, link);
    const otherCase = path.join(dir, 'other-case.sqlite');
    fs.copyFileSync(casePath, otherCase);
    const log = fs.readdirSync(logs).map((f) => path.join(logs, f)).find((f) => /mail\.log$/.test(f))!;
    // A copy of a log read (as mail.log.1 is of mail.log.2.gz before the older copy goes), and a compressed file.
    const copy = path.join(dir, 'copy-of-mail.log');
    fs.copyFileSync(log, copy);
    const packed = path.join(dir, 'logs.tgz');
    expect(spawnSync('tar', ['czf', packed, '-C', logs, '.']).status).toBe(0);
    for (const [target, why] of [[casePath, 'is the case being read'], [path.relative(process.cwd(), casePath), 'is the case being read'],
      [link, 'is the case being read'], [otherCase, 'is a SQLite database'], [log, 'is a log file or archive read into this case'],
      [copy, 'is a log holding lines this case was read from'], [packed, 'is a compressed file or an archive']]) {
      const before = fs.readFileSync(target);
      const r = cli('blocklist', casePath, '--out', target);
      expect(r.code, target).toBe(2);
      expect(r.stderr).toContain(why);
      expect(fs.readFileSync(target).equals(before)).toBe(true);
    }
    expect(cli('summary', casePath).code).toBe(0);
    // A log read from inside an archive keeps the archive from being written over too.
    const fromArchive = path.join(dir, 'from-archive.sqlite');
    const tarred = path.join(dir, 'logs.tar');
    expect(spawnSync('tar', ['cf', tarred, '-C', logs, '.']).status).toBe(0);
    expect(cli('ingest', tarred, '--case', fromArchive).code).toBe(0);
    const r = cli('blocklist', fromArchive, '--out', tarred);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a log file or archive read into this case|is a compressed file or an archive/);
    // Any other file is written over, as the shell's > would.
    const previous = path.join(dir, 'previous-blocklist.txt');
    fs.writeFileSync(previous, 'an older list\n');
    expect(cli('blocklist', casePath, '--out', previous).code).toBe(0);
    expect(fs.readFileSync(previous, 'utf8')).toMatch(/^# Swarmscope blocklist/);
  });

  it('prints a CSV blocklist on a terminal with the control characters of a user name shown, not obeyed', () => {
    const folder = path.join(dir, 'escape');
    fs.mkdirSync(folder);
    const log = path.join(folder, 'mail.log');
    fs.writeFileSync(log, 'Nov 12 10:00:02 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): '
      + 'user=<\x1b[2J\x1b]0;pwned\x07>, method=PLAIN, rip=45.155.207.3, lip=10.0.0.1, session=<E3>\n');
    const escaped = path.join(dir, 'escape.sqlite');
    expect(cli('ingest', folder, '--case', escaped, '--year', '2023').code).toBe(0);
    // On a pipe the CSV is the data as it is; on a terminal (script gives the command one) it is shown safely.
    expect(cli('blocklist', escaped, '--format', 'csv').stdout).toContain('\x1b[2J');
    const onTerminal = spawnSync('script', ['-qec', `"${process.execPath}" "${bin}" blocklist "${escaped}" --format csv`, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    if (onTerminal.error) return; // no script(1) here
    expect(onTerminal.stdout).toContain('45.155.207.3');
    expect(onTerminal.stdout).toContain('\\x1b[2J\\x1b]0;pwned\\x07');
    expect(onTerminal.stdout).not.toContain('\x1b');
  });

  it('leaves no empty case behind when nothing could be read into a new one, and keeps an existing case as it was', () => {
    const fresh = path.join(dir, 'never-made.sqlite');
    const r = cli('ingest', path.join(dir, 'no-such-logs'), '--case', fresh);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such file or folder');
    expect(r.stderr).toContain(`nothing could be read: the case ${fresh} was not created`);
    expect(fs.existsSync(fresh)).toBe(false);
    expect(cli('ingest', logs, path.join(dir, 'no-such-logs'), '--case', fresh).code).toBe(1);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('names the set --set-name gives as given, and refuses a name the formats would cut short (over 24), as the export dialog does', () => {
    const s = truth.swarm!;
    const name = 'mail_swarm_november_2023'; // 24 characters
    const out = cli('blocklist', casePath, '--format', 'ipset', '--from', s.days[0], '--to', s.days[0], '--set-name', name);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`\ncreate ${name} hash:net family inet `);
    expect(out.stdout).toContain(`\ncreate ${name}_v6 hash:net family inet6 `);
    const tooLong = cli('blocklist', casePath, '--format', 'ipset', '--set-name', `${name}x`);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/^swarmscope: --set-name takes letters, digits, _ and - \(at most 24\), starting with a letter\n/);
    expect(tooLong.stdout).toBe('');
    expect(cli('blocklist', '--help').stdout).toContain('[--set-name NAME]');
  });

  it('refuses an option given twice, and exits 2', () => {
    const r = cli('ingest', logs, '--case', path.join(dir, 'twice.sqlite'), '--year', '2023', '--year', '2024');
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith('swarmscope: --year is given more than once')).toBe(true);
  });

  it('says what is wrong with bad arguments and exits 2', () => {
    for (const args of [['ingest', logs], ['summary'], ['summary', casePath, '--from', '2023-02-30'], ['frobnicate'], ['ingest', logs, '--case', casePath, '--year', 'soon'], ['ingest', logs, '--case', path.join(dir, 'nowhere', 'c.sqlite')], ['ingest', logs, '--case', dir],
    ['ingest', logs, '--case', casePath, '--year', '0x7e8'], ['ingest', logs, '--case', casePath, '--year', ' 2024'], ['blocklist', casePath, '--allow', '999.1.1.1'],
    ['blocklist', casePath, '--min-attempts', '1e3'], ['generate', '--out', path.join(dir, 'gen-hex'), '--days', '0x10']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^swarmscope: /);
    }
    expect(cli('blocklist', casePath, '--allow', '999.1.1.1').stderr).toMatch(/^swarmscope: --allow takes an IP address or a network \(CIDR\), not "999\.1\.1\.1"\n/);
    expect(fs.existsSync(path.join(dir, 'gen-hex'))).toBe(false);
  });

  it('refuses an empty or blank path (an unset $LOGDIR) with exit 2 instead of reading the current folder', () => {
    const emptyCase = path.join(dir, 'empty-path.sqlite');
    for (const args of [
      ['ingest', '', '--case', emptyCase], ['ingest', '  ', '--case', emptyCase], ['ingest', logs, '', '--case', emptyCase],
      ['ingest', logs, '--case', ''], ['ingest', logs, '--case', ' '], ['ingest', logs, '--case', emptyCase, '--geoip', ''],
      ['summary', ''], ['summary', ' '], ['blocklist', ''], ['blocklist', casePath, '--out', ''], ['blocklist', casePath, '--out', ' '],
      ['generate', '--out', ' '],
    ]) {
      const r = cli(...args);
      expect(r.code, JSON.stringify(args)).toBe(2);
      expect(r.stderr, JSON.stringify(args)).toMatch(/^swarmscope: .*empty/);
      expect(r.stdout).toBe('');
    }
    expect(fs.existsSync(emptyCase)).toBe(false);
    expect(fs.existsSync(path.join(dir, ' '))).toBe(false);
  });

  it('prints a command\'s own usage for --help, whatever else is on the line, and exits 0', () => {
    for (const command of ['ingest', 'summary', 'incidents', 'blocklist', 'serve', 'generate']) {
      const r = cli(command, '--case', casePath, '-h');
      expect(r.code, command).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage:\\n  swarmscope ${command} `));
      expect(r.stdout.match(/swarmscope [a-z]+/g)).toEqual([`swarmscope ${command}`]);
    }
    // After `--`, `--help` is a file name.
    expect(cli('summary', '--', '--help').stdout).toBe('');
  });

  it('prints its version for --version, as its help says', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(cli('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(cli('--help').stdout).toMatch(/^ {2}swarmscope --version\n/m);
  });

  it('exits 1 with a clear message for a case that is not a case', () => {
    const notCase = path.join(dir, 'not-a-case.sqlite');
    fs.writeFileSync(notCase, 'hello, I am text');
    const r = cli('summary', notCase);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/swarmscope: .*not-a-case\.sqlite/);
  });

  it('refuses a case path that is a device or a named pipe with exit 2, before reading it', () => {
    const fifo = path.join(dir, 'case.fifo');
    const made = spawnSync('mkfifo', [fifo]).status === 0;
    const specials = ['/dev/zero', '/dev/null', ...(made ? [fifo] : [])].filter((p) => fs.existsSync(p) && !fs.statSync(p).isFile());
    expect(specials.length).toBeGreaterThan(0);
    for (const special of specials) {
      for (const args of [['ingest', logs, '--case', special], ['summary', special], ['blocklist', special]]) {
        const r = quickCli(...args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr, args.join(' ')).toMatch(/^swarmscope: .*is not a regular file/);
      }
    }
  });

  it('refuses a case path that is no SQLite file at once, without reading it whole', () => {
    const log = path.join(dir, 'looks-like-a-case.sqlite');
    fs.copyFileSync(path.join(logs, 'mail.log.1'), log);
    for (const args of [['ingest', logs, '--case', log], ['summary', log], ['blocklist', log]]) {
      const r = quickCli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/^swarmscope: .*looks-like-a-case\.sqlite is not a case: it does not start as a SQLite database does/);
    }
    expect(fs.readFileSync(log)).toEqual(fs.readFileSync(path.join(logs, 'mail.log.1')));
    // An empty file is a new case, as before.
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    expect(cli('summary', empty, '--json').code).toBe(0);
  });

  it.runIf(fs.existsSync('/proc/self'))('says why a case cannot be made in a folder that exists but takes no files', () => {
    const r = quickCli('ingest', logs, '--case', '/proc/x.sqlite');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^swarmscope: --case \/proc\/x\.sqlite: cannot create a file in the folder \/proc/);
    expect(r.stderr).not.toMatch(/does not exist/);
  });

  it('refuses to generate into a folder holding logs it did not write, unless --force', () => {
    const out = path.join(dir, 'var-log');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'mail.log.99.gz'), 'a real rotated log');
    fs.writeFileSync(path.join(out, 'mail.log'), 'a real log');
    const r = cli('generate', '--out', out, '--days', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^swarmscope: --out .*var-log already holds mail\.log, mail\.log\.99\.gz, which generate would overwrite or delete; .*--force/);
    expect(fs.readdirSync(out).sort()).toEqual(['mail.log', 'mail.log.99.gz']);
    expect(fs.readFileSync(path.join(out, 'mail.log'), 'utf8')).toBe('a real log');
    expect(cli('generate', '--help').stdout).toMatch(/--force/);
    const forced = cli('generate', '--out', out, '--days', '3', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readdirSync(out)).not.toContain('mail.log.99.gz');
    // Its own earlier run it replaces without --force.
    const again = cli('generate', '--out', out, '--days', '3', '--seed', '4');
    expect(again.code, again.stderr).toBe(0);
  });

  it('says "1 attempt" and "1 IP" for one in what it prints', () => {
    const one = path.join(dir, 'one.log');
    fs.writeFileSync(one, 'Nov 12 10:00:01 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<admin>, method=PLAIN, rip=203.0.113.5, lip=192.0.2.1, session=<abc>\n');
    const oneCase = path.join(dir, 'one.sqlite');
    const r = cli('ingest', one, '--case', oneCase, '--year', '2023');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('one.log (plain): 1 line = 1 attempt + 0 login + 0 ignored + 0 unparsed; 1 attempt, 0 logins\n');
    expect(r.stderr).toMatch(/\nadded 1 attempt and 0 logins from 1 file in [\d.]+ s; the case .*one\.sqlite holds 1 attempt from 1 IP\n$/);
    expect(cli('summary', oneCase).stdout).toContain('\n  2023-11-12         1 attempt        1 IP      0 countries\n');
    const gen = cli('generate', '--out', path.join(dir, 'one-day'), '--days', '1', '--lines', '1');
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stderr).not.toMatch(/\b1 (lines|attempts|IPs)\b/);
    expect(gen.stderr).toMatch(/^wrote [\d,]+ lines? \([\d,]+ attempts? from [\d,]+ IPs?\) and truth\.json to /);
  });

  it('prints unparsed samples with their control characters escaped and cut short', () => {
    // An auth failure no format reads (no address), whose user name would clear the screen and retitle the window.
    // A right-to-left override and a zero-width space in it would reorder, or hide in, what follows.
    const hostile = `Nov 12 10:00:01 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<\x1b[2J\x1b]0;pwned\x07\u202eexe.\u200b${'x'.repeat(5000)}>, lip=192.0.2.1`;
    const file = path.join(dir, 'hostile.log');
    fs.writeFileSync(file, `${hostile}\n`);
    const r = cli('ingest', file, '--case', path.join(dir, 'hostile.sqlite'), '--year', '2023');
    expect(r.code, r.stderr).toBe(0);
    const sample = r.stderr.split('\n').find((l) => l.includes('unparsed ×1: '));
    expect(sample).toContain('user=<\\x1b[2J\\x1b]0;pwned\\x07\\u202eexe.\\u200bxxx');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u202e]/);
    expect(sample!.length).toBeLessThan(300);
  });
});

describe('swarmscope summary of a case with paths it did not read', () => {
  it('says how many and why, in text and in --json, and the ingest says so at its end', () => {
    const logs = path.join(dir, 'unread-logs');
    expect(quickCli('generate', '--out', logs, '--seed', '5', '--start', '2023-06-01', '--days', '2').code).toBe(0);
    fs.rmSync(path.join(logs, 'truth.json'));
    fs.writeFileSync(path.join(logs, 'empty.log'), '');
    const missing = path.join(dir, 'no-such.log');
    const casePath = path.join(dir, 'unread.sqlite');
    const ingest = quickCli('ingest', logs, missing, '--case', casePath);
    expect(ingest.code).toBe(1); // the missing path is an error
    expect(ingest.stderr).toMatch(/; it has not read 2 paths given to it \(swarmscope summary says why\)\n$/);
    const text = quickCli('summary', casePath);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('\nNot read:        2 paths (empty: nothing to read; no such file or folder)\n');
    const report = JSON.parse(quickCli('summary', casePath, '--json').stdout) as SummaryReport;
    expect(report.unread.map((u) => [u.path, u.kind, u.reason])).toEqual([
      [missing, 'error', 'no such file or folder'], [path.join(logs, 'empty.log'), 'passed-over', 'empty: nothing to read'],
    ]);
  });
});

describe('swarmscope summary of a case with files read with errors or warnings', () => {
  it('counts them, the errors grouped by reason, and --json gives each file with its errors and warnings', () => {
    const logs = path.join(dir, 'damaged-logs');
    expect(quickCli('generate', '--out', logs, '--seed', '6', '--start', '2023-06-01', '--days', '3').code).toBe(0);
    fs.rmSync(path.join(logs, 'truth.json'));
    const [log] = fs.readdirSync(logs);
    const whole = fs.readFileSync(path.join(logs, log));
    fs.rmSync(path.join(logs, log));
    // A rotated log cut short in its gzip stream (a disk that filled up): the lines before the cut are read.
    const gz = zlib.gzipSync(whole);
    fs.writeFileSync(path.join(logs, 'mail.log.2.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    // Two files that only start like gzip: nothing in them can be read.
    fs.writeFileSync(path.join(logs, 'mail.log.3.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    fs.writeFileSync(path.join(logs, 'mail.log.4.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 9, 9, 9, 9]));
    const casePath = path.join(dir, 'damaged.sqlite');
    const ingest = quickCli('ingest', logs, '--case', casePath, '--year', '2023');
    expect(ingest.code, ingest.stderr).toBe(1);
    const text = quickCli('summary', casePath);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('\nFile errors:     2 files (not readable as gzip: the gzip stream ends early ×2)\nFile warnings:   1 file (--json lists the warnings)\n');
    const report = JSON.parse(quickCli('summary', casePath, '--json').stdout) as SummaryReport;
    const problems = [...report.filesWithErrorsOrWarnings].sort((a, b) => a.path.localeCompare(b.path));
    expect(problems.map((f) => [path.basename(f.path), f.errors.length, f.warnings.length, f.lines > 0])).toEqual([
      ['mail.log.2.gz', 0, 1, true], ['mail.log.3.gz', 1, 0, false], ['mail.log.4.gz', 1, 0, false],
    ]);
    expect(problems[0].warnings[0]).toMatch(/^the gzip stream ends early; the [\d,]+ lines before the damage were read/);
    expect(report.summary.attempts).toBeGreaterThan(0);
  });

  it('says nothing of them when every file was read whole', () => {
    const logs = path.join(dir, 'whole-logs');
    expect(quickCli('generate', '--out', logs, '--seed', '7', '--start', '2023-06-01', '--days', '2').code).toBe(0);
    fs.rmSync(path.join(logs, 'truth.json'));
    const casePath = path.join(dir, 'whole.sqlite');
    expect(quickCli('ingest', logs, '--case', casePath).code).toBe(0);
    const text = quickCli('summary', casePath).stdout;
    expect(text).toMatch(/^Attempts: /m);
    expect(text).not.toMatch(/^File (errors|warnings):/m);
    expect((JSON.parse(quickCli('summary', casePath, '--json').stdout) as SummaryReport).filesWithErrorsOrWarnings).toEqual([]);
  });
});
