import { describe, expect, it } from 'vitest';
import { JoinHandOver, chainPredecessors } from '../../../src-main/engine/ingest/chain-join';
import type { SessionMemory } from '../../../src-main/engine/parse/session-join';

const files = (...paths: string[]) => paths.map((p) => ({ path: p }));

describe('chainPredecessors', () => {
  it('links each file of a folder (oldest first) to the rotation before it, chain by chain', () => {
    expect(chainPredecessors(files(
      '/var/log/mail.log.3.gz', '/var/log/mail.log.2.gz', '/var/log/mail.log.1', '/var/log/mail.log',
      '/var/log/mail.err.1', '/var/log/mail.err',
    ))).toEqual([-1, 0, 1, 2, -1, 4]);
  });

  it('links logrotate dateext names, oldest date first', () => {
    expect(chainPredecessors(files('/l/mail.log-20231105.gz', '/l/mail.log-20231112.gz', '/l/mail.log'))).toEqual([-1, 0, 1]);
  });

  it('does not link files of other folders, newer files given before older ones, or copies of the same rotation', () => {
    expect(chainPredecessors(files('/a/mail.log.1', '/b/mail.log'))).toEqual([-1, -1]);
    expect(chainPredecessors(files('/l/mail.log', '/l/mail.log.1'))).toEqual([-1, -1]);
    expect(chainPredecessors(files('/l/mail.log.1', '/l/mail.log.1.gz'))).toEqual([-1, -1]);
  });
});

describe('JoinHandOver', () => {
  const memory: SessionMemory[] = [{ session: 'CvN+E95Uf4e7eEnj', seenAt: 1, lastTs: 1, lastUser: 'u', lastPassword: 'p', emittedAlone: 1, rowsWithoutAuthLine: 0 }];

  it('hands a file’s end memory to the file that follows it, and the first word stands', async () => {
    const joins = new JoinHandOver(files('/l/mail.log.1', '/l/mail.log'));
    expect(joins.startOf(0)).toBeUndefined();
    const start = joins.startOf(1)!;
    joins.end(0, memory);
    joins.settle(0);
    await expect(start).resolves.toEqual(memory);
    // Asked for after the memory came (the older file was quick), it is still there.
    await expect(joins.startOf(1)).resolves.toEqual(memory);
  });

  it('settles a memory never given as unknown, so that no file waits for ever', async () => {
    const joins = new JoinHandOver(files('/l/mail.log.2', '/l/mail.log.1', '/l/mail.log'));
    const second = joins.startOf(1)!;
    const third = joins.startOf(2)!;
    joins.settle(0);
    await expect(second).resolves.toBeNull();
    joins.settleAll();
    await expect(third).resolves.toBeNull();
  });
});
