// `swarmscope`: the engine on the command line. Each command is a small function; this file only
// dispatches and turns failures into messages and exit codes. Each command's module is loaded when it is run:
// `ingest` runs the engine in a worker thread, which starts sooner when this thread has not loaded the engine's
// code first (an ingest of a 3-line file took 0.57-0.61 s instead of 0.61-0.65), and `--help` and `--version`
// load none of it (0.12 s instead of 0.19).
import { UsageError } from './args';
import { useBaselineWasmOnly } from './baseline-wasm';
import { fileErrorCause } from '../engine/fs/file-errors';

/** Each command's usage, shown by `swarmscope --help` and by `swarmscope COMMAND --help`. */
const COMMAND_HELP: Record<string, string> = {
  ingest: `  swarmscope ingest <paths...> --case case.sqlite [--geoip file.mmdb]... [--year YYYY]
      Read mail and SSH logs (dovecot's, with postfix's and Exim's SMTP AUTH lines; OpenSSH's sshd lines; files, folders,
      tar or zip archives; plain or compressed) into a case; creates or extends it.
      Syslog stamps have no year: each file's is inferred from its modification time. --year gives the
      year the logs begin instead (for copies that lost their times); rotated files follow in time order.
`,
  summary: `  swarmscope summary case.sqlite [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--country CC|NAME[,...]]...
                     [--service NAME[,...]]... [--json]
      Attempts, IPs, countries, days, logins, services, top days and countries, countries per day, attempts per
      IP and per day, the paths given to the case that it holds no lines of, with why, and its files read with
      errors (by error) or warnings (--json gives them).
      --from and --to take days (both included) or times ("2023-10-11 03:00"; --to's not included), as an
      incident's start and end: its hours exactly.
      --country keeps the attempts from those countries only (ZZ: private or not located), as blocklist's.
      --service keeps the attempts and logins of those services only (ssh, imap, pop3, submission, smtp,
      managesieve...; "not logged" for the tries whose line names none).
`,
  incidents: `  swarmscope incidents case.sqlite [--maxretry N] [--findtime 10m] [--bantime 10m] [--service NAME[,...]]...
                       [--json]
      Incidents of the whole case that per-IP thresholds miss: stretches of hours in which far more IPs
      tried than usual (swarms of IPs that each try a few times), with their figures, and what a per-IP
      threshold would have let through: an IP that makes --maxretry attempts within --findtime is banned
      for --bantime (fail2ban's defaults: 5, 10m, 10m). Durations: seconds, or with units s, m, h, d, w
      (90, 10m, "1h 30m"). --service looks at the tries at those services only ("ssh", "imap, pop3"; "not
      logged" for the tries whose line names none): their usual hour, their swarms, their own threshold.
      Each incident ends with the blocklist command for its IPs: its hours, not its whole days.
`,
  blocklist: `  swarmscope blocklist case.sqlite [--format plain|cidr|nftables|ipset|iptables|csv] [--from D] [--to D]
                       [--country CC|NAME[,...]]... [--service NAME[,...]]... [--min-attempts N] [--keep-private]
                       [--allow IP/CIDR]... [--set-name NAME] [--out FILE]
      A blocklist or firewall rules (plain by default) for the IPs in the selection that made at least
      --min-attempts (1) attempts; private and reserved addresses are left out unless --keep-private.
      --from and --to take days (both included) or times ("2023-10-11 03:00"; --to's not included).
      --country takes codes or English names, alone or as a list ("CN, Russia", "Moldova, Republic of").
      --service counts only the tries at those services ("ssh", "imap, pop3"; "not logged" for the tries
      whose line names none). --set-name names the nftables or ipset set, or the iptables chain (swarmscope).
`,
  serve: `  swarmscope serve [paths...] [--port N] [--case case.sqlite] [--geoip file.mmdb]... [--year YYYY]
      Serve the viewer on 127.0.0.1 (for logs on a headless server, through an SSH tunnel).
`,
  generate: `  swarmscope generate --out DIR [--seed N] [--start YYYY-MM-DD] [--days N] [--lines N] [--gzip] [--single]
                      [--hostile] [--force]
      Write a synthetic year of mail.log (dovecot, and postfix on SMTP AUTH) with a hidden swarm, and its
      ground truth (truth.json). It replaces its own earlier run in DIR, but refuses a DIR holding other
      mail.log* or truth.json files unless --force, which overwrites or deletes them. --lines aims for about
      N lines in all by the failed logins written a day; the successful logins (about 150 lines a day) and the
      swarm come on top, so a log of fewer lines than those needs fewer --days.
`,
};

const EXIT_CODES = 'Exit codes: 0 success, 1 a file or case could not be read or written (or another ingest is writing the case), 2 bad arguments.\n';

const HELP = `swarmscope — forensic viewer for login attacks on mail and SSH servers

Usage:
${Object.values(COMMAND_HELP).join('')}  swarmscope --version
      Print the version (to name in a report what read the logs).

${EXIT_CODES}`;

/** `--help` or `-h` among a command's options (not after `--`, where it would be a file name). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && Object.hasOwn(COMMAND_HELP, command) && asksForHelp(rest)) {
    process.stdout.write(`Usage:\n${COMMAND_HELP[command]}\n${EXIT_CODES}`);
    return 0;
  }
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        process.stdout.write(`${__APP_VERSION__}\n`);
        return 0;
      case 'ingest': {
        useBaselineWasmOnly();
        const { runIngest } = await import('./ingest-command');
        return await runIngest(rest);
      }
      case 'summary': {
        const { runSummary } = await import('./summary-command');
        return await runSummary(rest);
      }
      case 'blocklist': {
        const { runBlocklist } = await import('./blocklist-command');
        return await runBlocklist(rest);
      }
      case 'incidents': {
        const { runIncidents } = await import('./incidents-command');
        return await runIncidents(rest);
      }
      case 'serve': {
        const { runServe } = await import('../serve/cli-serve');
        return await runServe(rest);
      }
      case 'generate': {
        const { runGenerateCommand } = await import('./generate-command');
        return await runGenerateCommand(rest);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`swarmscope: ${e.message}\nRun "swarmscope --help" for usage.\n`);
      return 2;
    }
    process.stderr.write(`swarmscope: ${(e as Error).message}\n`);
    return 1;
  }
}

// `swarmscope blocklist ... | head` closes the pipe before the output ends: that is the reader's choice, not a
// failure. Any other failed write (`> /dev/full`, a full disk) is: the output is not all there. Later writes
// to a closed stderr (the progress bar) are dropped, so an ingest still saves its case.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`swarmscope: cannot write the output: ${fileErrorCause(e)}\n`);
  process.exit(1);
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`swarmscope: ${String(e)}\n`); process.exitCode = 1; },
);
