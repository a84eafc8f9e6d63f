// Engine calls as a page may make them, in both hosts. engine-args.ts checks each argument's shape; this also
// keeps the page from naming files on the host's disk. The page shows logs that attackers wrote, so it is
// treated as possibly hostile: files to read come from the user's own choice (an open dialog, a drop that main
// checks, an upload into the web host's folder), files to write from a save dialog or the web host's download,
// never from a path the page makes up. Without this, any page script could read a file (ingest it, or ask
// for its raw lines) or overwrite one with a case (saveCase) wherever the app's user may write.
import { userGeoDatabases } from './api';
import { InvalidArgumentsError, isEngineMethod, validateEngineArgs } from './engine-args';
import type { EngineApi, EngineMethod } from './api';

function refuse(method: EngineMethod, what: string): never {
  throw new InvalidArgumentsError(`${method}: ${what}`);
}

/** Calls `method` for the page: checked arguments, and no path the user did not choose themselves. */
export async function callEngineForPage(engine: EngineApi, method: unknown, args: unknown): Promise<unknown> {
  if (!isEngineMethod(method)) throw new InvalidArgumentsError(`${String(method).slice(0, 40)}: not an engine method`);
  const checked: unknown[] = validateEngineArgs(method, args);
  switch (method) {
    case 'saveCase':
      refuse(method, 'the page cannot choose where a case is written (Save case as… asks the user)');
    case 'ingest':
      refuse(method, 'the page cannot name files to read (Open logs…, a drop or an upload chooses them)');
    case 'openCase':
      // Null closes the case, for a new empty one; a file comes from Open case….
      if (checked[0] !== null) refuse(method, 'the page cannot name a case file to open (Open case… asks the user)');
      break;
    case 'setGeoDatabases': {
      // The page may leave out databases in use (remove one), not bring in a file of its own choosing.
      const inUse = new Set(userGeoDatabases((await engine.caseInfo()).geo).map((db) => db.path));
      if (!(checked[0] as string[]).every((path) => inUse.has(path))) {
        refuse(method, 'the page can only keep or leave out databases in use (adding one asks the user)');
      }
      break;
    }
    case 'rawLines': {
      // Lines of the case's own sources only: not any file on disk. A source's id is the engine's to resolve: it
      // reads the path that source has now, which is of the case too.
      const sources = new Set((await engine.caseInfo()).sources.map((source) => source.path));
      const refs = checked[0] as { source: string }[];
      const unknown = refs.find((ref) => !sources.has(ref.source));
      if (unknown) refuse(method, `${unknown.source.slice(0, 200)} is not a source of this case`);
      break;
    }
    default:
      break;
  }
  return (engine[method] as (...values: unknown[]) => Promise<unknown>).apply(engine, checked);
}
