// `swarmscope generate`: a synthetic mail.log (dovecot, and postfix on SMTP AUTH) with a hidden swarm and its ground truth.
import { filesInTheWay, runGenerate } from '../engine/generate/command';
import { countOf } from '../shared/count-of';
import { UsageError, dayOption, intOption, parse, pathArgument } from './args';
import { terminalSafe } from './terminal-text';

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
    force: { type: 'boolean' },
  }, false);
  if (positionals.length) throw new UsageError(`generate takes no positional arguments (got ${positionals.join(' ')})`);
  if (values.out === undefined) throw new UsageError('generate needs --out DIR');
  pathArgument(values.out, '--out');
  const args = {
    out: values.out,
    seed: intOption(values.seed, 'seed', 0, 2 ** 31),
    start: dayOption(values.start, 'start') ?? undefined,
    days: intOption(values.days, 'days', 1, 3660),
    lines: intOption(values.lines, 'lines', 1, 1e9),
    gzip: values.gzip,
    hostile: values.hostile,
    single: values.single,
    force: values.force,
  };
  // Real logs in the folder (`--out /var/log`) are not the generator's to replace.
  const inTheWay = values.force ? [] : filesInTheWay(values.out);
  if (inTheWay.length) {
    const named = inTheWay.length > 5 ? `${inTheWay.slice(0, 5).join(', ')} and ${inTheWay.length - 5} more` : inTheWay.join(', ');
    throw new UsageError(
      `--out ${terminalSafe(values.out)} already holds ${terminalSafe(named)}, which generate would overwrite or delete; ` +
      'give an empty or new folder, or add --force to replace them',
    );
  }
  const truth = await runGenerate(args);
  process.stderr.write(`wrote ${countOf(truth.lines.total, 'line')} (${countOf(truth.attempts, 'attempt')} from ${countOf(truth.ips, 'IP')}) and truth.json to ${values.out}\n`);
  return 0;
}
