import { AssessmentStore, NewAssessment } from '../database/AssessmentStore';

/** The maximum number of assessments in one transaction. */
const MAX_BATCH_SIZE = 100;

interface PendingWrite {
  record: NewAssessment;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Stores the assessments of a full refresh in shared transactions. The
 * first assessment is written at once. Those that arrive while a write is
 * in flight wait and go together in the next one, so the batches grow with
 * the load and a lone assessment never waits for a timer. A failed batch is
 * written again one assessment at a time, so that one bad row fails alone.
 * Callers need not wait for their write; {@link AssessmentWriteQueue.whenAccepting}
 * holds them back while too many assessments wait.
 */
export class AssessmentWriteQueue {
  readonly #store: AssessmentStore;
  readonly #maxBatchSize: number;
  /** The waiting assessments past which `whenAccepting` waits: two batches. */
  readonly #highWaterMark: number;
  #pending: PendingWrite[] = [];
  #writing = false;
  #waiting: Array<() => void> = [];

  constructor(store: AssessmentStore, options?: { maxBatchSize?: number }) {
    this.#store = store;
    this.#maxBatchSize = options?.maxBatchSize ?? MAX_BATCH_SIZE;
    this.#highWaterMark = 2 * this.#maxBatchSize;
  }

  /** Resolves once the assessment is stored; rejects with the store's error. */
  save(record: NewAssessment): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ record, resolve, reject });
      if (!this.#writing) {
        void this.#writeAll();
      }
    });
  }

  /** Resolves at once, or when the waiting assessments drop below the high-water mark. */
  whenAccepting(): Promise<void> {
    if (this.#pending.length < this.#highWaterMark) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.#waiting.push(resolve));
  }

  async #writeAll(): Promise<void> {
    this.#writing = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#maxBatchSize);
      // Lets in only as many callers as there is room for, so that a crowd
      // of waiting callers cannot fill the queue far past the mark at once.
      const room = this.#highWaterMark - this.#pending.length;
      this.#waiting.splice(0, Math.max(0, room)).forEach(resolve => resolve());
      await this.#write(batch);
    }
    this.#writing = false;
  }

  async #write(batch: PendingWrite[]): Promise<void> {
    try {
      await this.#store.saveAssessments(batch.map(write => write.record));
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
        await this.#store.saveAssessment(write.record);
        write.resolve();
      } catch (error) {
        write.reject(error);
      }
    }
  }
}
