/**
 * A bounded queue of rows written to the database in batches: appends never wait or throw; past
 * `capacity` new rows are refused and counted; `flush` writes what waits one batch at a time, and a
 * batch that fails stays for the next flush (the database may be down). The alert log and the
 * logbook both keep their rows this way.
 */
export class BatchWriter<T> {
  private waiting: T[] = [];
  private writing: Promise<void> | undefined;
  /** Rows refused because the queue was full. */
  dropped = 0;

  constructor(
    private readonly capacity: number,
    private readonly batchSize: number,
    private readonly writeBatch: (batch: readonly T[]) => Promise<void>,
  ) {}

  /** Queues one row; false (and counted) when the queue is full. */
  add(row: T): boolean {
    if (this.waiting.length >= this.capacity) {
      this.dropped++;
      return false;
    }
    this.waiting.push(row);
    return true;
  }

  /** Writes what waits, one batch at a time, after any flush already under way. */
  flush(): Promise<void> {
    const run = (this.writing ?? Promise.resolve()).then(() => this.drain());
    this.writing = run.catch(() => {});
    return run;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.slice(0, this.batchSize);
      await this.writeBatch(batch);
      this.waiting.splice(0, batch.length);
    }
  }
}
