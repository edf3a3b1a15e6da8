import { ChildProcess, fork } from 'child_process';
import path from 'path';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';

/** The options of a backend child process, sent in its `start` message. */
export interface BackendProcessOptions {
  entities: Entity[];
  /** The `aksTrafficSecurity` config block. */
  pluginConfig: JsonObject;
  /** The PostgreSQL connection, `database` included, that contains the plugin's and the scheduler's tables. */
  databaseConnection: JsonObject & { database: string };
}

/** A message from the test to the child. */
export type ParentMessage =
  | { type: 'start'; options: BackendProcessOptions }
  | { type: 'stop' };

/** A message from the child to the test. */
export type BackendProcessMessage =
  | { type: 'ready'; port: number }
  | { type: 'log'; level: string; text: string };

/** A log line of the child, with the time the test received it. */
export interface ProcessLogLine {
  at: number;
  level: string;
  text: string;
}

/** The exit code and signal of a child process. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const MAIN = path.join(__dirname, 'backendProcessMain.ts');

/**
 * Polls `condition` every 50 ms until it is true, and throws with
 * `description` when `timeoutMs` passes first.
 */
export async function waitFor(
  description: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${description}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/**
 * One backend in a child OS process (see `backendProcessMain.ts`), run on
 * the TypeScript sources through the Backstage CLI's Node transform.
 */
export class BackendProcess {
  readonly lines: ProcessLogLine[] = [];
  readonly exited: Promise<ProcessExit>;
  port: number | undefined;
  readonly #child: ChildProcess;
  #stderr = '';

  /** Forks the child and sends it its options. Wait for {@link ready} before using it. */
  constructor(readonly name: string, options: BackendProcessOptions) {
    this.#child = fork(MAIN, [], {
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      // The scheduler runs its janitor, which frees the claims of dead
      // instances, only when NODE_ENV is not `test`.
      env: { ...process.env, NODE_ENV: 'production' },
      silent: true,
    });
    this.#child.stdout!.resume();
    this.#child.stderr!.on('data', chunk => {
      this.#stderr += chunk;
    });
    this.#child.on('message', (message: BackendProcessMessage) => {
      if (message.type === 'log') {
        this.lines.push({
          at: Date.now(),
          level: message.level,
          text: message.text,
        });
      } else if (message.type === 'ready') {
        this.port = message.port;
      }
    });
    this.exited = new Promise(resolve =>
      this.#child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.#child.send({ type: 'start', options } satisfies ParentMessage);
  }

  get pid(): number {
    return this.#child.pid!;
  }

  /** Everything the child wrote to stderr so far. */
  get stderr(): string {
    return this.#stderr;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Waits until the backend has started, and throws with its stderr if it exits first. */
  async ready(timeoutMs: number): Promise<void> {
    await waitFor(
      `backend process ${this.name} to start`,
      () => {
        if (!this.running) {
          throw new Error(
            `Backend process ${this.name} exited before it started: ${
              this.#stderr
            }`,
          );
        }
        return this.port !== undefined;
      },
      timeoutMs,
    );
  }

  /** Returns the log lines whose message starts with `prefix`. */
  logged(prefix: string): ProcessLogLine[] {
    return this.lines.filter(line => line.text.startsWith(prefix));
  }

  /** Waits for the first log line whose message starts with `prefix`. */
  async waitForLog(prefix: string, timeoutMs: number): Promise<ProcessLogLine> {
    await waitFor(
      `backend process ${this.name} to log '${prefix}'`,
      () => this.logged(prefix).length > 0,
      timeoutMs,
    );
    return this.logged(prefix)[0];
  }

  /** Sends SIGKILL to the process id, so the backend gets no chance to clean up. */
  kill(): Promise<ProcessExit> {
    if (this.running) {
      process.kill(this.pid, 'SIGKILL');
    }
    return this.exited;
  }

  /** Asks the backend to stop and waits for the process to exit. */
  stop(): Promise<ProcessExit> {
    this.#child.send({ type: 'stop' } satisfies ParentMessage);
    return this.exited;
  }
}
