// `--year` (and the app's "year of the logs") says when the logs begin. Syslog stamps carry no year, and a
// year of weekly rotated files crosses New Year: given to every file's first stamp, the year would put the
// January files eleven months early. So files are taken as rotation chains (`mail.log.3.gz`, `mail.log.2.gz`,
// `mail.log.1`, `mail.log` in one folder; collect-files.ts lists each chain oldest first), and each file's
// first line takes the year that keeps its chain in time order: the year of the file before it, or the next
// one when its first (month, day) comes earlier in the calendar than that file's did.
import path from 'node:path';
import { yearLessDay, type MonthDay } from '../parse/timestamp';
import { rotationBase } from './collect-files';

/** Lines of a file's head looked at for its first stamp (a log's first line normally has one). */
const HEAD_LINES = 50;

/** The (month, day) of the first year-less stamp among the first lines of a file's head, or null. */
export function firstYearLessDay(head: Buffer): MonthDay | null {
  const lines = head.toString('utf8').split('\n', HEAD_LINES);
  for (const line of lines) {
    const found = yearLessDay(line);
    if (found) return found;
  }
  return null;
}

/** The year of each file's first stamp, and the day it is for when the file's head showed it. */
export interface FileYear {
  year: number;
  firstDay?: MonthDay;
}

const before = (a: MonthDay, b: MonthDay): boolean => a.month < b.month || (a.month === b.month && a.day < b.day);

export class YearChain {
  private readonly last = new Map<string, { year: number; firstDay: MonthDay }>();

  constructor(private readonly startYear: number) {}

  /** The year of `file`'s first line, given in file order (oldest rotation first) with its head's first day. */
  yearOf(file: string, firstDay: MonthDay | null): FileYear {
    const chain = `${path.dirname(file)}\0${rotationBase(path.basename(file))}`;
    const previous = this.last.get(chain);
    if (!firstDay) return { year: previous?.year ?? this.startYear };
    let year = this.startYear;
    if (previous) year = before(firstDay, previous.firstDay) ? previous.year + 1 : previous.year;
    this.last.set(chain, { year, firstDay });
    return { year, firstDay };
  }
}
