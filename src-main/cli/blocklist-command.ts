// `swarmscope blocklist`: the export dialog's blocklist on the command line, for scripts and cron jobs.
import { EMPTY_SELECTION, SET_NAME, SET_NAME_RULE, type BlocklistFormat } from '../shared/api';
import { countOf } from '../shared/count-of';
import { UsageError, intOption, parse, pathArgument } from './args';
import { allowlistOption, selectionFrom } from './selection-options';
import { openExistingCase } from './case-path';
import { checkNotEvidence, checkOutputPath, writeOutputFile } from './output';
import { warnOfServicesNotFound } from './service-option';
import { terminalSafe } from './terminal-text';

const FORMATS: BlocklistFormat[] = ['plain', 'cidr', 'nftables', 'ipset', 'iptables', 'csv'];

export async function runBlocklist(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string', default: 'plain' },
    from: { type: 'string' },
    to: { type: 'string' },
    country: { type: 'string', multiple: true },
    service: { type: 'string', multiple: true },
    'min-attempts': { type: 'string' },
    'keep-private': { type: 'boolean' },
    allow: { type: 'string', multiple: true },
    'set-name': { type: 'string' },
    out: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('blocklist takes exactly one case file');
  pathArgument(positionals[0], 'the case file');
  if (values.out !== undefined) checkOutputPath(pathArgument(values.out, '--out'));
  const format = values.format as BlocklistFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (values['set-name'] !== undefined && !SET_NAME.test(values['set-name'])) throw new UsageError(`--set-name takes ${SET_NAME_RULE}`);
  const selection = selectionFrom(values);
  const minAttempts = intOption(values['min-attempts'], 'min-attempts', 1, 1e9) ?? 1;
  const allowlist = allowlistOption(values.allow);
  const engine = await openExistingCase(positionals[0]);
  if (selection.services) await warnOfServicesNotFound(selection.services, await engine.services(selection), () => engine.services(EMPTY_SELECTION));
  if (values.out !== undefined) {
    await checkNotEvidence(values.out, positionals[0], (await engine.caseInfo()).sources.map((s) => s.path), await engine.evidenceHeadHashes());
  }
  const list = await engine.blocklist({
    selection, format,
    minAttempts,
    excludePrivate: !values['keep-private'],
    allowlist,
    setName: values['set-name'],
  });
  if (values.out !== undefined) {
    writeOutputFile(values.out, list.text);
    process.stderr.write(`wrote ${countOf(list.entries, 'entry', 'entries')} to ${values.out}\n`);
  } else {
    // A CSV's user names are an attacker's words: on a terminal, their control characters are shown, not obeyed.
    process.stdout.write(process.stdout.isTTY ? list.text.replace(/[^\r\n]+/g, terminalSafe) : list.text);
  }
  return 0;
}
