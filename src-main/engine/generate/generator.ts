// A synthetic dovecot case from a seed: log lines in time order and the ground truth they hold.
// Lines are made one day at a time, so millions can be streamed without holding them all.
import { DAY_SECONDS, dayOf, dayStart, parseMoment } from './clock';
import { DayBuilder } from './day-builder';
import type { ActivePeriod } from './day-context';
import {
  DEFAULT_ATTEMPTS_PER_DAY, DEFAULT_NOISE_RATIO, DEFAULT_SHAPES, DEFAULT_SMTP_SHARE, SWARM_HOURS, SWARM_IPS_PER_ATTEMPT,
  SWARM_SHARE_OF_ATTEMPTS, type GenerateOptions, type ShapePeriod,
} from './options';
import { Population, type SwarmWindow } from './population';
import { Random } from './random';
import { LineComposer } from './shapes';
import { StampWriter, viaSyslog } from './stamps';
import { TruthRecorder, type GeneratedTruth, type LineKind } from './truth';
import { WordPicker } from './words';

export interface GeneratedLine {
  /** Wall-clock seconds (see clock.ts). */
  ts: number;
  text: string;
  kind: LineKind;
}

export interface GeneratedCase {
  lines: string[];
  truth: GeneratedTruth;
}

interface PlannedPeriod extends ActivePeriod {
  firstDay: number;
  lastDay: number;
}

/** Lines per background try, measured on the default mix (connections of 1-3 tries, 2.3/2.4 shapes). */
const FAILURE_LINES_PER_TRY: Record<ShapePeriod['shape'], number> = { v23: 1.8, 'v23-quiet': 0.8, v24: 1.8 };
/** The same for SMTP AUTH tries: postfix's warning, and dovecot's auth line when it logs one. */
const SMTP_FAILURE_LINES_PER_TRY: Record<ShapePeriod['shape'], number> = { v23: 2, 'v23-quiet': 1, v24: 2 };
/** Successful logins and their session ends a day (12 users plus a role mailbox). */
const LOGIN_LINES_PER_DAY = 2 * 90;

export class CaseStream implements Iterable<GeneratedLine> {
  private result: GeneratedTruth | null = null;
  private started = false;

  constructor(private readonly options: GenerateOptions) {
    validate(options);
  }

  /** The truth of the case; complete only once every line has been read. */
  truth(): GeneratedTruth {
    if (!this.result) throw new Error('the truth is complete only after every line has been read');
    return this.result;
  }

  [Symbol.iterator](): Iterator<GeneratedLine> {
    if (this.started) throw new Error('a case stream can be read only once; make a new one with the same seed');
    this.started = true;
    return this.lines();
  }

  private *lines(): Generator<GeneratedLine> {
    const o = this.options;
    const root = new Random(o.seed);
    const caseStart = dayStart(o.start);
    const days = o.days;
    const domain = o.domain ?? 'example.com';
    const periods = planPeriods(o.shapes ?? DEFAULT_SHAPES, days);
    const style = o.style ?? 'syslog';
    const smtpShare = viaSyslog(style) ? (o.smtpShare ?? DEFAULT_SMTP_SHARE) : 0;
    const attemptsPerDay = o.targetLines !== undefined ? attemptsForLines(o.targetLines, days, periods, smtpShare, o) : (o.attemptsPerDay ?? DEFAULT_ATTEMPTS_PER_DAY);
    const background = Math.round(attemptsPerDay * days);
    const swarm = swarmWindow(o, caseStart, background);

    const population = new Population(root.fork('population'), o.ipv6Share ?? 0.04, smtpShare);
    const users = population.makeUsers(domain);
    for (const u of users) u.ips.forEach((ip) => population.pool.reserve(ip));
    const backgroundPlan = population.planBackground(background, days);
    const swarmPlan = swarm ? population.planSwarm(swarm, caseStart, days) : null;

    const truth = new TruthRecorder(o.seed, caseStart, days, o.locate);
    if (swarm) truth.setSwarmWindow(swarm.start, swarm.end);
    truth.periods = periods.map((p) => ({
      from: dayOf(caseStart + p.firstDay * DAY_SECONDS), to: dayOf(caseStart + p.lastDay * DAY_SECONDS),
      shape: p.shape, passdb: p.passdb, passwords: p.passwords,
    }));

    const composer = new LineComposer({ syslog: viaSyslog(style), hostname: o.hostname ?? 'mail', pid: o.pid ?? true });
    const stamps = new StampWriter(style, o.utcOffset ?? '+00:00', root.fork('stamps'));
    const builder = new DayBuilder({
      random: root.fork('lines'),
      composer,
      population,
      users,
      words: new WordPicker(root.fork('words'), domain, o.hostile ?? false),
      truth,
      domain,
      ipv4Mapped: o.ipv4Mapped ?? false,
      noiseRatio: o.noiseRatio ?? DEFAULT_NOISE_RATIO,
      caseStart,
    });

    let period = 0;
    for (let day = 0; day < days; day++) {
      while (periods[period].lastDay < day) period++;
      const start = caseStart + day * DAY_SECONDS;
      builder.begin(day, start, periods[period], periods[period].firstDay === day);
      for (const [attacker, tries] of backgroundPlan[day]) builder.attackerDay(population.attackers[attacker], tries);
      for (const [attacker, ts] of swarmPlan?.[day] ?? []) builder.attackConnection(population.attackers[attacker], ts, 1);
      for (const user of users) builder.userDay(user);
      for (const line of builder.finish()) {
        truth.line(line.kind);
        line.text = `${stamps.stamp(line.ts)} ${line.text}`;
        yield line;
      }
    }
    this.result = truth.finish();
  }
}

/** Streams a case: iterate its lines once, then ask for the truth. */
export function streamCase(options: GenerateOptions): CaseStream {
  return new CaseStream(options);
}

/** A whole case in memory: for tests and small samples. */
export function generateCase(options: GenerateOptions): GeneratedCase {
  const stream = streamCase(options);
  const lines: string[] = [];
  for (const line of stream) lines.push(line.text);
  return { lines, truth: stream.truth() };
}

function validate(o: GenerateOptions): void {
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer: ${o.seed}`);
  if (!Number.isInteger(o.days) || o.days < 1) throw new Error(`days must be a positive integer: ${o.days}`);
  dayStart(o.start);
  if (o.swarm) parseMoment(o.swarm.start);
  if (o.shapes && !o.shapes.some((s) => s.share > 0)) throw new Error('shapes need at least one period with a share');
}

/** Consecutive periods over the day range, in order, each at least a day (empty ones are dropped). */
function planPeriods(shapes: ShapePeriod[], days: number): PlannedPeriod[] {
  const used = shapes.filter((s) => s.share > 0);
  const total = used.reduce((a, s) => a + s.share, 0);
  const out: PlannedPeriod[] = [];
  let cumulative = 0;
  let firstDay = 0;
  used.forEach((s, i) => {
    cumulative += s.share;
    const lastDay = i === used.length - 1 ? days - 1 : Math.round((cumulative / total) * days) - 1;
    if (lastDay < firstDay) return;
    const passdb = s.passdb ?? (s.shape === 'v24' ? 'sql' : 'passwd-file');
    const passwords = (s.passwords ?? true) && passdb !== 'pam' && s.shape !== 'v23-quiet';
    out.push({ shape: s.shape, passdb, passwords, firstDay, lastDay });
    firstDay = lastDay + 1;
  });
  return out;
}

/** The default swarm is ~10% of the tries, ~60 hours long, about 70% into the range (none under 4 days). */
function swarmWindow(o: GenerateOptions, caseStart: number, background: number): SwarmWindow | null {
  if (o.swarm === null) return null;
  if (o.swarm) {
    const start = parseMoment(o.swarm.start);
    return {
      start,
      end: start + o.swarm.hours * 3600,
      attempts: Math.max(0, Math.round(o.swarm.attempts)),
      ips: Math.max(0, Math.round(o.swarm.ips)),
      oneShotShare: o.swarm.oneShotShare ?? 2 / 3,
    };
  }
  const attempts = Math.round(background * SWARM_SHARE_OF_ATTEMPTS);
  if (o.days < 4 || attempts < 10) return null;
  const start = caseStart + Math.floor(o.days * 0.7) * DAY_SECONDS + 3 * 3600 + 17 * 60;
  const end = Math.min(start + SWARM_HOURS * 3600, caseStart + o.days * DAY_SECONDS);
  return { start, end, attempts, ips: Math.round(attempts * SWARM_IPS_PER_ATTEMPT), oneShotShare: 2 / 3 };
}

/** Background tries a day that give about `lines` lines in all with these periods and noise. */
function attemptsForLines(lines: number, days: number, periods: PlannedPeriod[], smtpShare: number, o: GenerateOptions): number {
  const noise = o.noiseRatio ?? DEFAULT_NOISE_RATIO;
  const perShape = (shape: ShapePeriod['shape']): number =>
    FAILURE_LINES_PER_TRY[shape] * (1 - smtpShare) + SMTP_FAILURE_LINES_PER_TRY[shape] * smtpShare;
  const failureLinesPerTry = periods.reduce((a, p) => a + perShape(p.shape) * (p.lastDay - p.firstDay + 1), 0) / days;
  const swarmFactor = o.swarm === null ? 1 : 1 + SWARM_SHARE_OF_ATTEMPTS;
  const perTry = failureLinesPerTry * (1 + noise) * swarmFactor;
  return Math.max(1, (lines - LOGIN_LINES_PER_DAY * days) / (days * perTry));
}
