import { ChildProcess, execFileSync, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { readBackendNodeFlags } from '../backendNodeFlags';

const REPO_ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(REPO_ROOT, 'packages/backend/dist/bundle.tar.gz');
const REFRESH_TASK_ID = 'aks-traffic-security:refresh';

/** A started backend: its process group leader, its URL and its log file. */
export interface BackendProcess {
  child: ChildProcess;
  baseUrl: string;
  logFile: string;
}

/**
 * Builds the backend bundle with `yarn build:backend` unless one exists or
 * `rebuild` is set. Returns the bundle's modification time.
 */
export function ensureBackendBundle(rebuild: boolean): Date {
  if (rebuild || !fs.existsSync(BUNDLE)) {
    console.log(
      'Building the frontend and the backend bundle: yarn build:backend',
    );
    execFileSync('yarn', ['build:backend'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
  }
  return fs.statSync(BUNDLE).mtime;
}

/** Unpacks the bundle into `directory` with scripts/unpack-backend-bundle.sh. */
export function unpackBackendBundle(directory: string): void {
  execFileSync(
    path.join(REPO_ROOT, 'scripts/unpack-backend-bundle.sh'),
    [directory],
    { stdio: 'inherit' },
  );
}

/**
 * Writes the config overlay of the benchmark: a loopback port, the guest
 * sign-in in production mode, the generated catalog and snapshot, and a
 * refresh that runs only when the benchmark triggers it.
 */
export function writeBenchmarkConfig(options: {
  file: string;
  port: number;
  catalogFile: string;
  snapshotDirectory: string;
}): void {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port: options.port },
      cors: { origin: baseUrl },
    },
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    catalog: {
      // Replaces the demo's locations: config arrays are not merged.
      locations: [
        {
          type: 'file',
          target: options.catalogFile,
          rules: [{ allow: ['Component', 'System', 'Group'] }],
        },
        {
          type: 'file',
          target: path.join(REPO_ROOT, 'examples/org.yaml'),
          rules: [{ allow: ['User', 'Group'] }],
        },
      ],
    },
    aksTrafficSecurity: {
      snapshot: { directory: options.snapshotDirectory },
      // A local task waits out its initial delay in a sleep that a trigger
      // ends, so the one refresh runs once the catalog contains every entity.
      refresh: {
        scope: 'local',
        initialDelay: { hours: 1 },
        frequency: { hours: 24 },
        timeout: { minutes: 30 },
      },
      // Kept out of the measurement: before the one refresh, every entity
      // is new to it.
      refreshChanged: {
        scope: 'local',
        initialDelay: { hours: 1 },
        frequency: { hours: 24 },
      },
      // Lifts the limit for the on-demand refreshes that fill in what the
      // scheduled refresh left out (see runDashboardBenchmark.ts).
      refreshRateLimit: { maxRequests: 1_000_000 },
    },
  };
  // JSON is valid YAML, so the overlay is written as JSON.
  fs.writeFileSync(options.file, JSON.stringify(config, null, 2));
}

/**
 * Starts the unpacked backend as the leader of its own process group, so
 * that {@link stopBackend} also stops its children.
 */
export function startBackend(options: {
  bundleDirectory: string;
  configFile: string;
  port: number;
  logFile: string;
}): BackendProcess {
  const log = fs.openSync(options.logFile, 'a');
  // The config's relative paths resolve against packages/backend, as in
  // scripts/e2e.sh. --preserve-symlinks keeps module resolution inside the
  // unpacked bundle (see scripts/unpack-backend-bundle.sh).
  const child = spawn(
    process.execPath,
    [
      '--preserve-symlinks',
      ...readBackendNodeFlags(),
      path.join(options.bundleDirectory, 'packages/backend'),
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      options.configFile,
    ],
    {
      cwd: path.join(REPO_ROOT, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'production' },
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  return {
    child,
    baseUrl: `http://127.0.0.1:${options.port}`,
    logFile: options.logFile,
  };
}

/** Stops the backend's process group: SIGTERM, then SIGKILL after 15 s. */
export async function stopBackend(backend: BackendProcess): Promise<void> {
  const { child } = backend;
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) {
    return;
  }
  const exited = new Promise(resolve => child.once('exit', resolve));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
        throw error;
      }
    }
  };

  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
  console.log(`Stopped the backend (pid ${child.pid}).`);
}

/** Returns the last lines of the backend's log, for error messages. */
export function backendLogTail(backend: BackendProcess, lines = 40): string {
  const text = fs.readFileSync(backend.logFile, 'utf8');
  return text.split('\n').slice(-lines).join('\n');
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Polls `probe` every `intervalMs` until it returns a value other than
 * `undefined`. Fails after `timeoutMs`, or as soon as the backend exits.
 */
export async function pollUntil<T>(options: {
  backend: BackendProcess;
  description: string;
  timeoutMs: number;
  intervalMs: number;
  probe: () => Promise<T | undefined>;
}): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.backend.child.exitCode !== null) {
      throw new Error(
        `The backend exited with code ${
          options.backend.child.exitCode
        } while waiting for ${options.description}; the end of ${
          options.backend.logFile
        }:\n${backendLogTail(options.backend)}`,
      );
    }
    const value = await options.probe().catch(() => undefined);
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${options.timeoutMs / 1000} s waiting for ${
          options.description
        }; the end of ${options.backend.logFile}:\n${backendLogTail(
          options.backend,
        )}`,
      );
    }
    await sleep(options.intervalMs);
  }
}

/** Signs in with the guest provider and returns the Backstage token. */
export async function guestToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  if (!response.ok) {
    throw new Error(
      `Guest sign-in failed: GET /api/auth/guest/refresh returned ${response.status}`,
    );
  }
  const body = (await response.json()) as {
    backstageIdentity?: { token?: string };
  };
  const token = body.backstageIdentity?.token;
  if (!token) {
    throw new Error('Guest sign-in returned no backstageIdentity.token');
  }
  return token;
}

/** GETs a JSON body with the token, or returns `undefined` unless the status is 200. */
export async function getJson<T>(
  url: string,
  token: string,
): Promise<T | undefined> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    return undefined;
  }
  return (await response.json()) as T;
}

/** Starts the plugin's scheduled refresh through the scheduler's REST API. */
export async function triggerRefresh(
  baseUrl: string,
  token: string,
): Promise<void> {
  const response = await fetch(
    `${baseUrl}/api/aks-traffic-security/.backstage/scheduler/v1/tasks/${encodeURIComponent(
      REFRESH_TASK_ID,
    )}/trigger`,
    { method: 'POST', headers: { authorization: `Bearer ${token}` } },
  );
  if (!response.ok) {
    throw new Error(
      `Triggering the task ${REFRESH_TASK_ID} failed with ${
        response.status
      }: ${await response.text()}`,
    );
  }
}

/** The refresh task's state in the scheduler's REST API. */
export interface RefreshTaskState {
  status: string;
  lastRunEndedAt?: string;
  /** The serialized error of the last run, when it failed. */
  lastRunError?: string;
}

/** Reads the refresh task's state, or `undefined` when the scheduler does not list it. */
export async function refreshTaskState(
  baseUrl: string,
  token: string,
): Promise<RefreshTaskState | undefined> {
  const body = await getJson<{
    tasks: Array<{ taskId: string; taskState: RefreshTaskState | null }>;
  }>(
    `${baseUrl}/api/aks-traffic-security/.backstage/scheduler/v1/tasks`,
    token,
  );
  return (
    body?.tasks.find(task => task.taskId === REFRESH_TASK_ID)?.taskState ??
    undefined
  );
}

/** Lists the entity references of every stored assessment, 500 per request. */
export async function storedEntityRefs(
  baseUrl: string,
  token: string,
): Promise<Set<string>> {
  const refs = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await getJson<{
      total: number;
      items: Array<{ entityRef: string }>;
    }>(
      `${baseUrl}/api/aks-traffic-security/fleet?limit=500&offset=${offset}`,
      token,
    );
    if (!page) {
      throw new Error(`GET /fleet?offset=${offset} did not return 200`);
    }
    page.items.forEach(item => refs.add(item.entityRef));
    if (page.items.length === 0 || offset + 500 >= page.total) {
      return refs;
    }
  }
}

/**
 * Refreshes each component through `POST /entities/.../refresh`, at most
 * `concurrency` at once. Returns the names whose refresh did not return 200.
 */
export async function refreshComponents(options: {
  baseUrl: string;
  token: string;
  names: string[];
  concurrency: number;
}): Promise<string[]> {
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.names.length) {
      const name = options.names[next++];
      const response = await fetch(
        `${
          options.baseUrl
        }/api/aks-traffic-security/entities/component/default/${encodeURIComponent(
          name,
        )}/refresh`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}` },
        },
      ).catch(() => undefined);
      await response?.arrayBuffer();
      if (response?.status !== 200) {
        failed.push(name);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return failed;
}
