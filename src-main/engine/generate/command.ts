// `swarmscope generate`: writes a synthetic case (rotated like a real server's, or one file) and a
// truth.json beside it. The CLI parses the arguments; this does the work.
import fs from 'node:fs';
import path from 'node:path';
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
