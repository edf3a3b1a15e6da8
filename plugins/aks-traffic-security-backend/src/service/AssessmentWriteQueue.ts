import {
  AssessmentStore,
  NewAssessment,
  PreparedAssessment,
} from '../database/AssessmentStore';

/** The maximum number of assessments in one transaction. */
const MAX_BATCH_SIZE = 100;

/** The number of waiting assessments that starts a write at once. */
const MIN_BATCH_SIZE = 25;

/** How long fewer than {@link MIN_BATCH_SIZE} assessments wait for more. */
const MAX_WAIT_MS = 20;

interface PendingWrite {
  prepared: PreparedAssessment;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Stores the assessments of a full refresh in shared transactions. A write
 * starts once enough assessments wait, or a short time after the first of
 * them arrived. Those that arrive while a write is in flight go together
 * in the next one. Many small transactions would cost the database and the
 * event loop more than a few large ones. A failed batch is written again
 * one assessment at a time, so that one bad row fails alone. Callers need
 * not wait for their write, because {@link AssessmentWriteQueue.whenAccepting}
 * makes them wait while too many assessments are queued.
 *
 * The queue keeps each assessment as the rows it becomes. The evaluated
 * objects take several times the memory of those rows, and what waits
 * through a few collections of V8's young generation moves to its old one,
 * which a full refresh would otherwise fill with hundreds of megabytes.
 */
export class AssessmentWriteQueue {
  readonly #store: AssessmentStore;
  readonly #maxBatchSize: number;
  readonly #minBatchSize: number;
  readonly #maxWaitMs: number;
  /** The waiting assessments past which `whenAccepting` waits: two batches. */
  readonly #highWaterMark: number;
  #pending: PendingWrite[] = [];
  #writing = false;
  #timer: NodeJS.Timeout | undefined;
  #waiting: Array<() => void> = [];

  constructor(
    store: AssessmentStore,
    options?: {
      maxBatchSize?: number;
      minBatchSize?: number;
      maxWaitMs?: number;
    },
  ) {
    this.#store = store;
    this.#maxBatchSize = options?.maxBatchSize ?? MAX_BATCH_SIZE;
    this.#minBatchSize = Math.min(
      options?.minBatchSize ?? MIN_BATCH_SIZE,
      this.#maxBatchSize,
    );
    this.#maxWaitMs = options?.maxWaitMs ?? MAX_WAIT_MS;
    this.#highWaterMark = 2 * this.#maxBatchSize;
  }

  /** Resolves once the assessment is stored; rejects with the store's error. */
  save(record: NewAssessment): Promise<void> {
    return new Promise((resolve, reject) => {
      const prepared = this.#store.prepareAssessment(record);
      this.#pending.push({ prepared, resolve, reject });
      this.#scheduleWrite();
    });
  }

  /** Resolves at once, or when the waiting assessments drop below the high-water mark. */
  whenAccepting(): Promise<void> {
    if (this.#pending.length < this.#highWaterMark) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.#waiting.push(resolve));
  }

  #scheduleWrite(): void {
    if (this.#writing || this.#pending.length === 0) {
      return;
    }
    if (this.#pending.length >= this.#minBatchSize) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.#writeAll();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.#writeAll();
    }, this.#maxWaitMs);
  }

  async #writeAll(): Promise<void> {
    this.#writing = true;
    do {
      const batch = this.#pending.splice(0, this.#maxBatchSize);
      // Lets in only as many callers as there is room for, so that a crowd
      // of waiting callers cannot fill the queue far past the mark at once.
      const room = this.#highWaterMark - this.#pending.length;
      this.#waiting.splice(0, Math.max(0, room)).forEach(resolve => resolve());
      await this.#write(batch);
    } while (this.#pending.length >= this.#minBatchSize);
    this.#writing = false;
    this.#scheduleWrite();
  }

  async #write(batch: PendingWrite[]): Promise<void> {
    try {
      await this.#store.savePreparedAssessments(
        batch.map(write => write.prepared),
      );
      batch.forEach(write => write.resolve());
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
    }

    for (const write of batch) {
      try {
        await this.#store.savePreparedAssessments([write.prepared]);
        write.resolve();
      } catch (error) {
        write.reject(error);
      }
    }
  }
}
