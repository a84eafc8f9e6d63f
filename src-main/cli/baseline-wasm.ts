// `swarmscope ingest` is a short process: SQLite (sql.js's WebAssembly, in the engine's thread) does little in it
// beyond creating or checking the case, inserting and saving; so are `summary`, `incidents` and `blocklist` on a
// case of up to some 200,000 attempts (cli/case-path.ts: openExistingCase), where the process also waited a
// quarter of a second at its exit for the optimizing compile it no longer needed. V8 compiles WebAssembly twice:
// at once with its baseline compiler (Liftoff), then again, on background threads, with its optimizing one
// (TurboFan) for the functions that turn hot. SQLite's hottest functions are its largest (the bytecode interpreter
// above all), so that second compile costs more CPU than it saves before such a process ends, and it takes the
// second core from the ingest's threads while they start. Measured on this project's 2-core machine
// (docs/architecture.md, "Ingest runs in three threads"): an ingest of 2,000 lines into a new case took about 0.75
// instead of 1.0 s; a year of 1.8 million lines took as long either way, with less CPU. The app and
// `swarmscope serve` keep the optimizing tier: they answer query after query for as long as they run, and there
// it pays (queries over a case's attempt rows take about 1.4 times as long on baseline code).
import v8 from 'node:v8';

/**
 * Keeps every WebAssembly module this process compiles from now on in V8's baseline tier. Only for a one-shot
 * command, before anything starts the engine (its thread shares the process's V8 flags). Node warns that changing
 * V8's flags at run time can misbehave: this one is read when a module is compiled and when a function would
 * tier up, and none has been compiled yet.
 */
export function useBaselineWasmOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}
