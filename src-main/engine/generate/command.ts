// `swarmscope generate`: writes a synthetic case (rotated like a real server's, or one file) and a
// truth.json beside it. The CLI parses the arguments; this does the work.
import fs from 'node:fs';
import path from 'node:path';
import { localDate, parseMoment } from './clock';
import { openCountryLocator } from './locate';
import type { GenerateOptions, StampStyle } from './options';
import type { GeneratedTruth } from './truth';
import { writeRotatedLogs, writeSingleLog, type WrittenFile } from './write';

export interface GenerateArgs {
  /** Directory for the logs and truth.json. */
  out: string;
  /** Default 1. */
  seed?: number;
  /** Default 2023-03-01 (with the default 320 days, the range spans New Year). */
  start?: string;
  /** Default 320. */
  days?: number;
  /** Aim for about this many lines (sets the attack volume). */
  lines?: number;
  /** Compress rotated files from mail.log.2 on (or the single file). Default false. */
  gzip?: boolean;
  hostile?: boolean;
  style?: StampStyle;
  /** One `mail.log` (or `mail.log.gz`) instead of weekly rotation. */
  single?: boolean;
  /** Record each IP's country in the truth from the bundled database. Default true. */
  countries?: boolean;
  /**
   * Overwrite or delete files of the generator's names (mail.log*, truth.json) in `out` that are not an earlier
   * run's (see filesInTheWay). Default false: such files make the run fail before anything is written.
   */
  force?: boolean;
}

export const TRUTH_FILE = 'truth.json';
/** What an earlier run may have left: a longer range leaves more rotated files than a shorter one. */
const GENERATED_NAME = /^(mail\.log(\.\d+)?(\.gz)?|truth\.json)$/;

export async function runGenerate(args: GenerateArgs): Promise<GeneratedTruth> {
  const options: GenerateOptions = {
    seed: args.seed ?? 1,
    start: args.start ?? '2023-03-01',
    days: args.days ?? 320,
    targetLines: args.lines,
    hostile: args.hostile ?? false,
    style: args.style,
    locate: args.countries === false ? undefined : openCountryLocator(),
  };
  if (!args.force) {
    const inTheWay = filesInTheWay(args.out);
    if (inTheWay.length) throw new Error(`${args.out} already holds ${inTheWay.join(', ')}, which generate would overwrite or delete`);
  }
  await removeEarlierRun(args.out);
  const written = args.single
    ? await writeSingleLog(path.join(args.out, args.gzip ? 'mail.log.gz' : 'mail.log'), options, { gzip: args.gzip })
    : await writeRotatedLogs(args.out, options, { compress: args.gzip ?? false });
  const files: Omit<WrittenFile, 'path'>[] = written.files.map(({ path: _path, ...rest }) => rest);
  await fs.promises.writeFile(path.join(args.out, TRUTH_FILE), JSON.stringify({ ...written.truth, files }, null, 1));
  return written.truth;
}

async function removeEarlierRun(dir: string): Promise<void> {
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => GENERATED_NAME.test(n)).map((n) => fs.promises.rm(path.join(dir, n), { force: true })));
}

/**
 * The files in `dir` a run would overwrite or delete (names like mail.log, mail.log.3.gz, truth.json) that are not
 * recognisably an earlier run's, sorted. An earlier run is recognised by its truth.json, which lists the files it
 * wrote, and by each file's modification time, which the run set to the time of the file's last line: a log that
 * was written to since, or rotated into a listed name, has another. Empty when the folder does not exist.
 */
export function filesInTheWay(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const ours = earlierRun(dir);
  return names.filter((n) => GENERATED_NAME.test(n) && !ours.has(n)).sort();
}

/** The names of an earlier run's files in `dir` that are as it left them, with its truth.json; empty if none. */
function earlierRun(dir: string): Set<string> {
  const ours = new Set<string>();
  let files: unknown;
  try {
    const truth = JSON.parse(fs.readFileSync(path.join(dir, TRUTH_FILE), 'utf8')) as Record<string, unknown>;
    if (typeof truth?.seed !== 'number' || typeof truth.lines !== 'object' || !Array.isArray(truth.files)) return ours;
    files = truth.files;
  } catch {
    return ours;
  }
  ours.add(TRUTH_FILE);
  for (const file of files as Partial<WrittenFile>[]) {
    if (typeof file?.name !== 'string' || file.name === TRUTH_FILE || !GENERATED_NAME.test(file.name)) continue;
    const stat = fs.statSync(path.join(dir, file.name), { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const asLeft = typeof file.lastLine === 'string'
      ? Math.abs(stat.mtimeMs - localDate(parseMoment(file.lastLine)).getTime()) < 1000
      // A file without lines: empty, or an empty gzip stream.
      : file.lastLine === null && stat.size <= (file.gzip ? 64 : 0);
    if (asLeft) ours.add(file.name);
  }
  return ours;
}
