// Answers can arrive out of order: the engine may answer an old selection after a newer one. Each kind
// of query gets a sequence number; only the answer to the latest request of its kind is kept.
export class LatestRequests<Kind extends string> {
  private readonly latest = new Map<Kind, number>();
  private readonly keys = new Map<Kind, string>();
  private counter = 0;

  /** Starts a request and returns its ticket. */
  begin(kind: Kind, key?: string): number {
    this.counter += 1;
    this.latest.set(kind, this.counter);
    if (key !== undefined) this.keys.set(kind, key);
    return this.counter;
  }

  /** True when this ticket is still the latest of its kind. */
  isCurrent(kind: Kind, ticket: number): boolean {
    return this.latest.get(kind) === ticket;
  }

  /** True when the latest request of this kind was made for the same key (so asking again is needless). */
  isSameKey(kind: Kind, key: string): boolean {
    return this.keys.get(kind) === key;
  }

  /** Makes every outstanding answer of this kind stale, e.g. when live figures replace them. */
  invalidate(kind: Kind): void {
    this.begin(kind);
    this.keys.delete(kind);
  }
}
