// `swarmscope generate`: a synthetic mail.log (dovecot, and postfix on SMTP AUTH) with a hidden swarm and its ground truth.
import { runGenerate } from '../engine/generate/command';
import { UsageError, dayOption, intOption, parse, pathArgument } from './args';

export async function runGenerateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    seed: { type: 'string' },
    start: { type: 'string' },
    days: { type: 'string' },
    lines: { type: 'string' },
    gzip: { type: 'boolean' },
    hostile: { type: 'boolean' },
    single: { type: 'boolean' },
  }, false);
  if (positionals.length) throw new UsageError(`generate takes no positional arguments (got ${positionals.join(' ')})`);
  if (values.out === undefined) throw new UsageError('generate needs --out DIR');
  pathArgument(values.out, '--out');
  const truth = await runGenerate({
    out: values.out,
    seed: intOption(values.seed, 'seed', 0, 2 ** 31),
    start: dayOption(values.start, 'start') ?? undefined,
    days: intOption(values.days, 'days', 1, 3660),
    lines: intOption(values.lines, 'lines', 1, 1e9),
    gzip: values.gzip,
    hostile: values.hostile,
    single: values.single,
  });
  process.stderr.write(`wrote ${truth.lines.total.toLocaleString('en')} lines (${truth.attempts.toLocaleString('en')} attempts from ${truth.ips.toLocaleString('en')} IPs) and truth.json to ${values.out}\n`);
  return 0;
}
