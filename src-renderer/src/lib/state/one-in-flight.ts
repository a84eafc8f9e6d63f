// Runs at most one task at a time and, of the tasks offered meanwhile, only the latest: while the brush is
// dragged, tables follow as fast as the engine answers without queueing a request for every mouse move.

export class OneInFlight {
  private running = false;
  private next: (() => Promise<unknown>) | null = null;

  run(task: () => Promise<unknown>): void {
    if (this.running) {
      this.next = task;
      return;
    }
    this.running = true;
    void task().catch(() => {}).finally(() => {
      this.running = false;
      const next = this.next;
      this.next = null;
      if (next) this.run(next);
    });
  }

  /** Forgets a task still waiting its turn (the one running finishes). */
  cancelWaiting(): void {
    this.next = null;
  }
}
