// What the lines of one day share: the day, how the server logged that day, and small helpers for
// addresses, process ids and moments of the day.
import { DAY_SECONDS } from './clock';
import type { DovecotShape, Passdb } from './options';
import { cumulate, type Random } from './random';
import type { LineComposer } from './shapes';
import type { LineKind } from './truth';

export interface ActivePeriod {
  shape: DovecotShape;
  passdb: Passdb;
  passwords: boolean;
}

export interface PendingLine {
  ts: number;
  kind: LineKind;
  /** The line after its time stamp (the generator puts the stamp in front). */
  text: string;
}

const LIP4 = '10.0.0.1';
const LIP6 = '2001:db8:25::1';
/** A small mail server forks a few thousand processes a day. */
const PIDS_PER_SECOND = 0.05;
/** When people read mail: more by day than by night. */
const HOUR_WEIGHTS = cumulate([1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 9, 8, 9, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

export class DayContext {
  dayIndex = 0;
  dayStart = 0;
  year = 2000;
  period!: ActivePeriod;
  private readonly pidBase: number;

  constructor(
    readonly random: Random,
    readonly composer: LineComposer,
    private readonly caseStart: number,
    private readonly ipv4Mapped: boolean,
  ) {
    this.pidBase = random.int(2000, 30000);
  }

  begin(dayIndex: number, dayStart: number, period: ActivePeriod): void {
    this.dayIndex = dayIndex;
    this.dayStart = dayStart;
    this.year = new Date(dayStart * 1000).getUTCFullYear();
    this.period = period;
  }

  get version(): '2.3' | '2.4' {
    return this.period.shape === 'v24' ? '2.4' : '2.3';
  }

  /** Every line stays inside its day, so that days can be written one after the other. */
  inDay(ts: number): number {
    return Math.min(Math.max(ts, this.dayStart), this.dayStart + DAY_SECONDS - 1);
  }

  dovecot([process, message]: [string, string]): string {
    return this.composer.dovecot(process, message);
  }

  /** Process ids grow with time as the server forks, and wrap like Linux's at pid_max. */
  pidAt(ts: number): number {
    const forked = Math.floor((ts - this.caseStart) * PIDS_PER_SECOND) + this.random.int(0, 9);
    return 300 + ((this.pidBase + forked) % 4_190_000);
  }

  /** The client address as dovecot writes it (`::ffff:1.2.3.4` behind a dual-stack listener). */
  shown(ip: string): string {
    return this.ipv4Mapped && !ip.includes(':') ? `::ffff:${ip}` : ip;
  }

  /** The server's own address for a client's connection. */
  lipFor(ip: string): string {
    return ip.includes(':') ? LIP6 : this.shown(LIP4);
  }

  daySecond(): number {
    return this.dayStart + this.random.int(0, DAY_SECONDS - 1);
  }

  busyHourSecond(): number {
    return this.dayStart + this.random.weighted(HOUR_WEIGHTS) * 3600 + this.random.int(0, 3599);
  }
}
