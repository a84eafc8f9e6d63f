// `swarmscope serve [paths...] [--port N] [--case FILE] [--geoip FILE]... [--year YYYY]`: starts the engine
// and the web host, ingests the given logs, prints the page address and serves until Ctrl+C.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, intOption, parse, pathArgument } from '../cli/args';
import { checkCaseFile, checkCaseFolder } from '../cli/case-path';
import { describeIngest } from '../cli/ingest-command';
import { progressPrinter } from '../cli/progress-bar';
import { startEngine } from '../engine/worker/engine-client';
import { startServer } from './server';
import { LOG_YEARS } from '../shared/api';
import { countOf } from '../shared/count-of';

export interface ServeArgs {
  port: number;
  paths: string[];
  casePath: string | null;
  geoip: string[];
  year: number | undefined;
}

export function parseServeArgs(argv: string[], cwd = process.cwd()): ServeArgs {
  const { values, positionals } = parse(argv, {
    port: { type: 'string' },
    case: { type: 'string' },
    geoip: { type: 'string', multiple: true },
    year: { type: 'string' },
  });
  // Checked before resolving: resolve(cwd, '') is the working folder, which an unset shell variable would serve.
  for (const path of positionals) pathArgument(path, 'a log path');
  for (const path of values.geoip ?? []) pathArgument(path, '--geoip');
  if (values.case !== undefined) pathArgument(values.case, '--case');
  const paths = positionals.map((path) => resolve(cwd, path));
  for (const path of paths) if (!existsSync(path)) throw new UsageError(`${path}: no such file or folder`);
  const geoip = (values.geoip ?? []).map((path) => resolve(cwd, path));
  for (const path of geoip) if (!existsSync(path)) throw new UsageError(`--geoip ${path}: no such file`);
  if (values.case !== undefined) {
    const casePath = resolve(cwd, values.case);
    checkCaseFile(casePath, `--case ${values.case}`, `; give the case a file name, such as ${join(values.case, 'case.sqlite')}`);
    checkCaseFolder(casePath, `--case ${values.case}`);
  }
  return {
    port: intOption(values.port, 'port', 0, 65535) ?? 0,
    paths,
    casePath: values.case !== undefined ? resolve(cwd, values.case) : null,
    geoip,
    year: intOption(values.year, 'year', LOG_YEARS.min, LOG_YEARS.max),
  };
}

/** The built renderer, wherever this code was bundled to (out/main, a chunk below it) or run from (src-main). */
export function locateRenderer(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'renderer'), join(here, '..', '..', 'out', 'renderer')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`the built viewer (out/renderer) was not found near ${here}: run \`npm run build\` first`);
  return found;
}

function untilStopped(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runServe(argv: string[]): Promise<number> {
  const args = parseServeArgs(argv);
  const rendererDir = locateRenderer();
  const engine = startEngine({ geoip: args.geoip });
  try {
    if (args.casePath) await engine.openCase(existsSync(args.casePath) ? args.casePath : null);
    // Also for the logs dropped in the browser later (the page's Sources tab shows it, and can clear it).
    if (args.year !== undefined) await engine.setStartYear(args.year);
    const bar = progressPrinter();
    const stopProgress = engine.onEvent((event) => {
      if (event.type === 'progress') bar.update(event.progress);
    });
    const server = await startServer({
      engine,
      port: args.port,
      rendererDir,
      paths: args.paths,
      ingestOptions: { geoip: args.geoip, year: args.year },
    });
    process.stdout.write(
      `Swarmscope is serving on ${server.url}\n` +
      `Open it in a browser on this machine, or through an SSH tunnel: ssh -L ${server.port}:127.0.0.1:${server.port} HOST\n` +
      'Press Ctrl+C to stop.\n',
    );
    server.initialIngest.then(
      async (result) => {
        stopProgress();
        bar.done();
        if (!result) return;
        process.stderr.write(describeIngest(result));
        if (args.casePath) {
          const info = await engine.saveCase(args.casePath);
          process.stderr.write(`saved the case to ${args.casePath} (${countOf(info.attempts, 'attempt')})\n`);
        }
      },
    ).catch((error: unknown) => {
      stopProgress();
      bar.done();
      process.stderr.write(`swarmscope: ingest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
    await untilStopped();
    process.stderr.write('stopping\n');
    await engine.cancelIngest().catch(() => undefined);
    await server.close();
    return 0;
  } finally {
    await engine.terminate();
  }
}
