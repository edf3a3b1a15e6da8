import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  BackendProcess,
  ensureBackendBundle,
  getJson,
  guestToken,
  pollUntil,
  refreshComponents,
  refreshTaskState,
  storedEntityRefs,
  startBackend,
  stopBackend,
  triggerRefresh,
  unpackBackendBundle,
  writeBenchmarkConfig,
} from './bundledBackend';
import {
  addProbe,
  DashboardLoad,
  DashboardLoadError,
  measureDashboardLoad,
  signInAsGuest,
} from './measureDashboardLoad';
import { writeSnapshotFleet } from './writeSnapshotFleet';
import { parseNumericOptions } from '../parseNumericOptions';

const OPTIONS = {
  services: 5000,
  clusters: 100,
  gateways: 20,
  listeners: 50,
  listenerPolicies: 1,
  seed: 20260301,
  /** The backend's port on 127.0.0.1. */
  port: 7027,
  warmups: 1,
  loads: 5,
  /** 1 opens each load in a new browser context, so nothing comes from the HTTP cache. */
  coldCache: 0,
  /** 1 runs `yarn build:backend` even when a bundle exists. */
  rebuild: 0,
  /**
   * 1 refreshes the components that the scheduled refresh did not store one
   * by one through the on-demand refresh endpoint; 0 fails instead.
   */
  fillMissing: 1,
  /** 1 writes a Chromium performance trace of one more load to bench/dashboard/traces. */
  trace: 0,
};

type Options = typeof OPTIONS;

/** The target of the whole load, from navigation start until the table responds. */
const INTERACTIVE_TARGET_MS = 1500;
/** The fleet page's p95 target of the API benchmark (docs/benchmarks.md). */
const FLEET_REQUEST_TARGET_MS = 50;
/** Loads that may fail on a failed fleet request before the run stops. */
const MAX_FAILED_LOADS = 3;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function parseArguments(argv: string[]): Options {
  return parseNumericOptions(argv, OPTIONS);
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
const seconds = (startedAt: number) =>
  `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Starts the backend on the generated fleet and waits until every assessment is stored. */
async function prepareBackend(
  options: Options,
  directory: string,
  onStarted: (backend: BackendProcess) => void,
): Promise<{ backend: BackendProcess; token: string }> {
  const bundleTime = ensureBackendBundle(options.rebuild === 1);
  console.log(
    `Using packages/backend/dist/bundle.tar.gz of ${bundleTime.toISOString()}`,
  );

  let startedAt = Date.now();
  const fleet = writeSnapshotFleet(
    {
      services: options.services,
      clusters: options.clusters,
      gateways: options.gateways,
      listenersPerGateway: options.listeners,
      listenerPoliciesPerGateway: options.listenerPolicies,
      seed: options.seed,
    },
    directory,
  );
  console.log(
    `Wrote ${fleet.componentNames.length} components, ${
      fleet.armFiles
    } ARM files and ${
      fleet.namespaceFolders
    } namespace folders to ${directory} in ${seconds(startedAt)}`,
  );

  unpackBackendBundle(path.join(directory, 'bundle'));
  const configFile = path.join(directory, 'app-config.bench.yaml');
  writeBenchmarkConfig({
    file: configFile,
    port: options.port,
    catalogFile: fleet.catalogFile,
    snapshotDirectory: fleet.snapshotDirectory,
  });

  startedAt = Date.now();
  const backend = startBackend({
    bundleDirectory: path.join(directory, 'bundle'),
    configFile,
    port: options.port,
    logFile: path.join(directory, 'backend.log'),
  });
  onStarted(backend);
  console.log(
    `Started the backend (pid ${backend.child.pid}), log ${backend.logFile}`,
  );

  await pollUntil({
    backend,
    description: 'the backend to respond on /api/aks-traffic-security/health',
    timeoutMs: 180_000,
    intervalMs: 1000,
    probe: async () =>
      (
        await fetch(`${backend.baseUrl}/api/aks-traffic-security/health`)
      ).ok
        ? true
        : undefined,
  });
  console.log(`The backend responded after ${seconds(startedAt)}`);
  const token = await guestToken(backend.baseUrl);

  // The refresh reads the annotated entities from the catalog, so it waits
  // until the catalog has processed all of them.
  await pollUntil({
    backend,
    description: `the catalog to contain ${options.services} components`,
    timeoutMs: 30 * 60_000,
    intervalMs: 2000,
    probe: async () => {
      const page = await getJson<{ totalItems: number }>(
        `${backend.baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
        token,
      );
      return page && page.totalItems >= options.services ? true : undefined;
    },
  });
  console.log(
    `The catalog contained ${options.services} components after ${seconds(
      startedAt,
    )}`,
  );

  await fillAssessments(options, backend, token, fleet.componentNames);
  return { backend, token };
}

/**
 * Runs the scheduled refresh once and waits until it has ended. When it
 * stored fewer assessments than there are components, which happens when it
 * fails part way, this prints its error and refreshes each missing component
 * through the on-demand refresh endpoint, unless `--fill-missing=0`.
 */
async function fillAssessments(
  options: Options,
  backend: BackendProcess,
  token: string,
  componentNames: string[],
): Promise<void> {
  let startedAt = Date.now();
  await triggerRefresh(backend.baseUrl, token);
  const state = await pollUntil({
    backend,
    description: 'the scheduled refresh to end',
    timeoutMs: 60 * 60_000,
    intervalMs: 2000,
    probe: async () => {
      const current = await refreshTaskState(backend.baseUrl, token);
      return current?.status === 'idle' && current.lastRunEndedAt
        ? current
        : undefined;
    },
  });
  const stored = await storedEntityRefs(backend.baseUrl, token);
  console.log(
    `The scheduled refresh ended after ${seconds(startedAt)} with ${
      stored.size
    } stored assessments${
      state.lastRunError ? `; it failed: ${state.lastRunError}` : ''
    }`,
  );
  if (stored.size >= options.services) {
    return;
  }
  if (!options.fillMissing) {
    throw new Error(
      `The scheduled refresh stored ${stored.size} of ${options.services} assessments; rerun with --fill-missing=1 to refresh the others one by one`,
    );
  }

  const missing = componentNames.filter(
    name => !stored.has(`component:default/${name}`),
  );
  startedAt = Date.now();
  const failed = await refreshComponents({
    baseUrl: backend.baseUrl,
    token,
    names: missing,
    concurrency: 4,
  });
  const total = (await storedEntityRefs(backend.baseUrl, token)).size;
  console.log(
    `Refreshed ${missing.length} missing components one by one in ${seconds(
      startedAt,
    )}; ${failed.length} failed; ${total} stored assessments`,
  );
  if (total < options.services) {
    throw new Error(
      `Only ${total} of ${
        options.services
      } assessments are stored; the refreshes of ${failed
        .slice(0, 5)
        .join(', ')} and ${Math.max(0, failed.length - 5)} more failed`,
    );
  }
}

/** Loads the dashboard `warmups` + `loads` times and returns the measured loads. */
async function measureLoads(
  browser: Browser,
  options: Options,
  baseUrl: string,
): Promise<{ loads: DashboardLoad[]; failures: string[] }> {
  const signedIn = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  await addProbe(signedIn);
  const signInPage = await signedIn.newPage();
  await signInAsGuest(signInPage, baseUrl);
  await signInPage.close();
  const storageState = await signedIn.storageState();

  const loads: DashboardLoad[] = [];
  const failures: string[] = [];
  // The first `warmups` attempts are warm-ups. A failed load is reported and
  // replaced, at most `MAX_FAILED_LOADS` times.
  let attempt = 0;
  while (attempt < options.warmups || loads.length < options.loads) {
    if (failures.length > MAX_FAILED_LOADS) {
      throw new Error(
        `${failures.length} loads failed; the last: ${
          failures[failures.length - 1]
        }`,
      );
    }
    attempt += 1;
    const load = await loadOnce(
      browser,
      options,
      baseUrl,
      signedIn,
      storageState,
      {
        label: `Load ${attempt} (${
          attempt <= options.warmups ? 'warm-up' : 'measured'
        })`,
      },
    ).catch(error => {
      if (!(error instanceof DashboardLoadError)) {
        throw error;
      }
      failures.push(error.message);
      console.log(`Load ${attempt} failed: ${error.message}`);
      return undefined;
    });
    if (load && attempt > options.warmups) {
      loads.push(load);
    }
  }
  if (options.trace) {
    await loadOnce(browser, options, baseUrl, signedIn, storageState, {
      label: `Load ${attempt + 1} (traced, not counted)`,
      tracePath: path.join(__dirname, 'traces', `dashboard-${Date.now()}.json`),
    });
  }
  await signedIn.close();
  return { loads, failures };
}

/** Measures one load, in a new context with `storageState` for `--cold-cache=1`. */
async function loadOnce(
  browser: Browser,
  options: Options,
  baseUrl: string,
  signedIn: BrowserContext,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
  run: { label: string; tracePath?: string },
): Promise<DashboardLoad> {
  let context = signedIn;
  if (options.coldCache) {
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      storageState,
    });
    await addProbe(context);
  }
  if (run.tracePath) {
    fs.mkdirSync(path.dirname(run.tracePath), { recursive: true });
  }

  try {
    const load = await measureDashboardLoad({
      context,
      baseUrl,
      timeoutMs: 60_000,
      tracePath: run.tracePath,
    });
    console.log(
      `${run.label}: first row ${ms(load.firstRowVisible)}, second page ${ms(
        load.secondPageVisible,
      )}, GET /fleet ${ms(
        load.firstFleetRequest.responseEnd - load.firstFleetRequest.startTime,
      )}${run.tracePath ? `, trace ${run.tracePath}` : ''}`,
    );
    return load;
  } finally {
    if (context !== signedIn) {
      await context.close();
    }
  }
}

function printFigures(loads: DashboardLoad[]) {
  const rows: Array<[string, (load: DashboardLoad) => number, string]> = [
    [
      'navigation start -> first row visible',
      load => load.firstRowVisible,
      `<= ${ms(INTERACTIVE_TARGET_MS)}`,
    ],
    [
      'navigation start -> second page visible',
      load => load.secondPageVisible,
      `<= ${ms(INTERACTIVE_TARGET_MS)} (interactive)`,
    ],
    [
      '  first row visible -> click event',
      load => load.clickEvent - load.firstRowVisible,
      '',
    ],
    [
      '  click event -> second page visible',
      load => load.secondPageVisible - load.clickEvent,
      '',
    ],
    ['HTML document response end', load => load.documentResponseEnd, ''],
    ['DOMContentLoaded', load => load.domContentLoaded, ''],
    ['first GET /fleet sent', load => load.firstFleetRequest.startTime, ''],
    [
      'first GET /fleet, sent -> response end',
      load =>
        load.firstFleetRequest.responseEnd - load.firstFleetRequest.startTime,
      `<= ${ms(FLEET_REQUEST_TARGET_MS)} (API p95 target)`,
    ],
    [
      '  of which sent -> first byte',
      load =>
        load.firstFleetRequest.responseStart - load.firstFleetRequest.startTime,
      '',
    ],
    [
      'first GET /fleet end -> first row visible',
      load => load.firstRowVisible - load.firstFleetRequest.responseEnd,
      '',
    ],
    [
      'second GET /fleet, sent -> response end',
      load =>
        load.secondFleetRequest
          ? load.secondFleetRequest.responseEnd -
            load.secondFleetRequest.startTime
          : NaN,
      `<= ${ms(FLEET_REQUEST_TARGET_MS)} (API p95 target)`,
    ],
    [
      'long tasks before the first row, summed',
      load => load.longTasks.totalMs,
      '',
    ],
    [
      'long tasks first row -> click, summed',
      load => load.longTasksBeforeClick.totalMs,
      '',
    ],
    [
      'last layout shift before the click',
      load => load.layoutShiftsBeforeClick.last ?? NaN,
      '',
    ],
  ];

  console.log(
    `\n${'figure'.padEnd(42)} ${'median'.padStart(9)} ${'max'.padStart(
      9,
    )}   ${'each load'.padEnd(44)} target`,
  );
  for (const [name, figure, target] of rows) {
    // NaN marks a figure that a load lacks, such as a missing request.
    const values = loads.map(figure);
    const present = values.filter(value => !Number.isNaN(value));
    const summary = present.length
      ? [ms(median(present)), ms(Math.max(...present))]
      : ['-', '-'];
    console.log(
      `${name.padEnd(42)} ${summary[0].padStart(9)} ${summary[1].padStart(
        9,
      )}   ${values
        .map(value => (Number.isNaN(value) ? '-' : String(Math.round(value))))
        .join(', ')
        .padEnd(44)} ${target}`,
    );
  }

  const [first] = loads;
  console.log(
    `\nLong tasks before the first row: ${loads
      .map(load => load.longTasks.count)
      .join(', ')}; from the first row to the click: ${loads
      .map(load => load.longTasksBeforeClick.count)
      .join(', ')}. Layout shifts from the first row to the click: ${loads
      .map(load => load.layoutShiftsBeforeClick.count)
      .join(', ')}. Scripts: ${first.script.files} files, ${Math.round(
      first.script.decodedBytes / 1024,
    )} KiB decoded, ${loads
      .map(load => Math.round(load.script.transferredBytes / 1024))
      .join(', ')} KiB transferred per load.`,
  );
  console.log(
    `First rows: page 1 '${first.firstRowTitle}', page 2 '${first.secondPageFirstRowTitle}'.`,
  );
  console.log('API requests that ended before the first row (first load):');
  for (const request of first.apiRequests) {
    console.log(
      `  ${ms(request.startTime).padStart(9)} -> ${ms(
        request.responseEnd,
      ).padStart(9)}  ${request.url}`,
    );
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}; install it with 'apt-get install -y chromium' or set CHROMIUM_PATH`,
    );
  }
  // playwright-core comes with the e2e workspace's @playwright/test.
  const { chromium } = await import('playwright-core');

  const directory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'dashboard-benchmark-'),
  );
  let backend: BackendProcess | undefined;
  let browser: Browser | undefined;
  let failed = false;
  const stopOnSignal = (signal: NodeJS.Signals) => {
    console.error(`Received ${signal}; stopping the backend.`);
    void (backend ? stopBackend(backend) : Promise.resolve()).finally(() =>
      process.exit(1),
    );
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  try {
    const prepared = await prepareBackend(options, directory, started => {
      backend = started;
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      // As in e2e/playwright.config.ts: no sandbox as root, and no
      // background connections on a closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const { loads, failures } = await measureLoads(
      browser,
      options,
      prepared.backend.baseUrl,
    );

    console.log(
      `\nFleet dashboard in Chromium ${browser.version()}: ${
        options.services
      } assessed entities, ${options.warmups} warm-up and ${
        loads.length
      } measured loads, ${
        options.coldCache
          ? 'a new browser context (cold HTTP cache)'
          : 'one browser context (warm HTTP cache)'
      } per load, viewport 1280 x 800`,
    );
    console.log(
      `Machine: nproc ${os.cpus().length}, memory ${Math.round(
        os.totalmem() / 2 ** 30,
      )} GiB (${Math.round(os.freemem() / 2 ** 30)} GiB free), Node.js ${
        process.version
      }, load average ${os
        .loadavg()
        .map(value => value.toFixed(1))
        .join(' ')}`,
    );
    printFigures(loads);
    if (failures.length > 0) {
      console.log(
        `\n${failures.length} loads failed and were replaced:\n${failures
          .map(failure => `  ${failure}`)
          .join('\n')}`,
      );
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await browser?.close();
    if (backend) {
      await stopBackend(backend);
    }
    if (failed) {
      console.error(`Kept ${directory} with the backend log.`);
    } else {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
