// A rotated log goes on in the next file of its chain: `mail.log.1` ends where `mail.log` begins. A try whose
// auth line is the last of one file and whose login line is the first of the next would count twice if
// each file were joined alone. So each file of a drop starts its join with what the join knew at the end of
// the file it follows: the next older file of its chain, when that one comes just before it in the drop.
import type { SessionMemory } from '../parse/session-join';
import { chainOf, compareLogPaths } from './collect-files';

/**
 * For each file, the index of the file it follows, or -1: the file of its chain just before it in the drop,
 * when that one is an older rotation (a folder's files come oldest first, see collect-files.ts).
 */
export function chainPredecessors(files: readonly { path: string }[]): number[] {
  const lastOfChain = new Map<string, number>();
  return files.map((file, i) => {
    const chain = chainOf(file.path);
    const before = lastOfChain.get(chain);
    lastOfChain.set(chain, i);
    if (before === undefined) return -1;
    return compareLogPaths(files[before].path, file.path) < 0 ? before : -1;
  });
}

/**
 * The join's memory at the end of each file that another follows, handed over once the file is parsed (its
 * last records may still be going into the case). Every file's memory is settled exactly once: by `end`, or
 * as unknown (null) by `settle` when the file ended without one (skipped, failed, cancelled, never read).
 */
export class JoinHandOver {
  private readonly memories = new Map<number, { promise: Promise<SessionMemory[] | null>; resolve: (m: SessionMemory[] | null) => void }>();
  private readonly predecessors: number[];

  constructor(files: readonly { path: string }[]) {
    this.predecessors = chainPredecessors(files);
    for (const p of new Set(this.predecessors)) {
      if (p === -1) continue;
      let resolve!: (m: SessionMemory[] | null) => void;
      const promise = new Promise<SessionMemory[] | null>((r) => (resolve = r));
      this.memories.set(p, { promise, resolve });
    }
  }

  /** The memory file `index` starts with, or undefined when it follows no file of the drop. */
  startOf(index: number): Promise<SessionMemory[] | null> | undefined {
    const p = this.predecessors[index];
    return p === -1 ? undefined : this.memories.get(p)!.promise;
  }

  /** Gives file `index`'s end memory to the file that follows it (the first word on a file stands). */
  end(index: number, memory: SessionMemory[] | null): void {
    // A promise settles once: later words are ignored.
    this.memories.get(index)?.resolve(memory);
  }

  /** Settles file `index`'s end memory as unknown, unless it was given. */
  settle(index: number): void {
    this.end(index, null);
  }

  /** Settles every memory not given yet (the drop is over). */
  settleAll(): void {
    for (const index of this.memories.keys()) this.settle(index);
  }
}
