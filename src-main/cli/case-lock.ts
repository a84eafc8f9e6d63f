// One ingest at a time into a case file. Two would each read the case, add their logs and save it; the engine
// refuses the second save (the file changed since it was read), but only once that whole ingest is done. A lock
// file beside the case, naming the process that holds it, turns the second one away before it reads anything.
// A lock left by a process that is gone (killed) is taken over.
import fs from 'node:fs';
import { terminalSafe } from './terminal-text';

export class CaseBusyError extends Error {
  override name = 'CaseBusyError';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `casePath` (`casePath.lock`); returns what releases it. Throws CaseBusyError when held. */
export function lockCase(casePath: string): () => void {
  const lockPath = `${casePath}.lock`;
  const mine = String(process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${mine}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new CaseBusyError(`${terminalSafe(casePath)} is being written by another swarmscope ingest (process ${holder}): `
          + `wait for it to end, then run this one (if no such ingest runs, delete ${terminalSafe(lockPath)})`);
      }
      fs.rmSync(lockPath, { force: true }); // left by an ingest that was killed
    }
  }
  return () => {
    try {
      if (fs.readFileSync(lockPath, 'utf8').trim() === mine) fs.rmSync(lockPath, { force: true });
    } catch {
      // already gone
    }
  };
}
