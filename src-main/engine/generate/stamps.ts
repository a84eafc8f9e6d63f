// Writes the time at the start of each line in the selected style. Lines come in time order, so the
// date part is cached per day and only the clock is formatted per line.
import { DAY_SECONDS } from './clock';
import type { StampStyle } from './options';
import type { Random } from './random';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export class StampWriter {
  private cachedDay = -1;
  private datePart = '';
  private lastTs = -1;
  private micros = 0;

  constructor(
    private readonly style: StampStyle,
    private readonly utcOffset: string,
    /** Only for the microseconds of RFC 3339 stamps. */
    private readonly random: Random,
  ) {}

  stamp(ts: number): string {
    const day = Math.floor(ts / DAY_SECONDS);
    if (day !== this.cachedDay) {
      this.cachedDay = day;
      this.datePart = this.formatDate(day * DAY_SECONDS);
    }
    const s = ts - day * DAY_SECONDS;
    const clock = `${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]}`;
    if (this.style !== 'rfc3339') return `${this.datePart} ${clock}`;
    // Within one second the fraction must keep rising, as a real clock's would.
    this.micros = ts === this.lastTs ? Math.min(999_999, this.micros + this.random.int(1, 40_000)) : this.random.int(0, 300_000);
    this.lastTs = ts;
    return `${this.datePart}T${clock}.${String(this.micros).padStart(6, '0')}${this.utcOffset}`;
  }

  private formatDate(midnight: number): string {
    const d = new Date(midnight * 1000);
    const month = d.getUTCMonth();
    const date = d.getUTCDate();
    switch (this.style) {
      case 'syslog':
        return `${MONTHS[month]} ${String(date).padStart(2, ' ')}`;
      case 'dovecot':
        return `${MONTHS[month]} ${TWO[date]}`;
      case 'iso':
      case 'rfc3339':
        return `${d.getUTCFullYear()}-${TWO[month + 1]}-${TWO[date]}`;
    }
  }
}

/** Whether the style writes through syslog (host and program name) or as dovecot's own log file. */
export function viaSyslog(style: StampStyle): boolean {
  return style === 'syslog' || style === 'rfc3339';
}
