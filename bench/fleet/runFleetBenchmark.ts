import { ChildProcess, execFileSync, fork } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import type { EmulatorStats } from './ArmEmulator';
import { parseNumericOptions } from '../parseNumericOptions';
import { readBackendNodeFlags } from '../backendNodeFlags';
import { createLoopbackCertificate } from '../../plugins/aks-traffic-security-backend/src/__testUtils__/loopbackCertificate';

/** The tenant and subscriptions of the example snapshot, which the fleet copies. */
const TENANT_ID = '8b1f3c2a-6d4e-4f7a-9c0b-2e5d1a7f3b64';
const SUBSCRIPTION_IDS = [
  '3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34',
  '5b2d8e41-93c7-4f0a-b6e2-1c9d4a7f3e85',
];

const OPTIONS = {
  services: 5000,
  clusters: 300,
  gateways: 60,
  listeners: 80,
  listenerPolicies: 5,
  seed: 20260301,
  latencyMs: 30,
  rate: 100,
  burst: 100,
  concurrency: 8,
  /** The backend's limit of Kubernetes requests in flight (`kubernetes.maxConcurrency`). */
  kubernetesConcurrency: 32,
  clients: 50,
  requests: 3000,
  /** 1 writes a V8 CPU profile of the backend process to bench/fleet/profiles. */
  profile: 0,
  /** When set, the backend's V8 old-space limit in MiB (`--max-old-space-size`). */
  maxOldSpaceMib: 0,
  /** 1 starts the backend with the production backend's V8 flags (packages/backend/node-flags), 0 with V8's defaults. */
  productionFlags: 1,
  /** 1 serves each cluster's Kubernetes API and configures the backend to read it. */
  kubernetes: 1,
};

type Options = typeof OPTIONS;

function parseArguments(argv: string[]): Options {
  return parseNumericOptions(argv, OPTIONS);
}

/** Waits for a child's message of one type, or fails after `timeoutMs`. */
function nextMessage<T>(
  child: ChildProcess,
  type: string,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(
        new Error(
          `Timed out after ${timeoutMs} ms waiting for '${type}' from process ${child.pid}`,
        ),
      );
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Process ${child.pid} exited with code ${code} before '${type}'`,
        ),
      );
    };
    function onMessage(message: any) {
      if (message?.type === type) {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      }
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Reads the resident set size of a process from /proc, in bytes. */
function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** The kernel's clock ticks per second, the unit of CPU times in /proc. */
const CLOCK_TICKS_PER_SECOND = Number(
  execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
);

/** Reads the user and system CPU time a process has used from /proc, in milliseconds. */
function cpuMilliseconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Sends GET requests from `clients` concurrent workers until `count` have finished or `timeLimitMs` passed. */
async function measureLatency(options: {
  port: number;
  clients: number;
  count: number;
  timeLimitMs: number;
  path: (index: number) => string;
}) {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.clients,
  });
  const latencies: number[] = [];
  let started = 0;
  let failed = 0;
  const deadline = Date.now() + options.timeLimitMs;
  const startedAt = performance.now();

  async function worker() {
    while (started < options.count && Date.now() < deadline) {
      const index = started++;
      const requestStart = performance.now();
      const status = await new Promise<number>(resolve => {
        const request = http.get(
          {
            host: '127.0.0.1',
            port: options.port,
            path: options.path(index),
            agent,
          },
          response => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        request.on('error', () => resolve(0));
      });
      latencies.push(performance.now() - requestStart);
      if (status !== 200) {
        failed += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: options.clients }, worker));
  const elapsedMs = performance.now() - startedAt;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    requests: latencies.length,
    failed,
    perSecond: latencies.length / (elapsedMs / 1000),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

async function dropDatabases(prefix: string): Promise<string[]> {
  const knex = knexFactory({
    client: 'pg',
    connection: {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    },
  });
  try {
    const { rows } = await knex.raw<{ rows: Array<{ datname: string }> }>(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    for (const row of rows) {
      await knex.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [row.datname]);
    }
    return rows.map(row => row.datname);
  } finally {
    await knex.destroy();
  }
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const v8Flags = options.productionFlags ? readBackendNodeFlags() : [];
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-benchmark-'));
  const databasePrefix = `bench_fleet_${process.pid}_`;
  const children: ChildProcess[] = [];

  try {
    const { keyFile, certFile } = createLoopbackCertificate(directory);
    const entitiesFile = path.join(directory, 'entities.json');

    const emulator = fork(path.join(__dirname, 'emulator.js'), [], {
      env: {
        ...process.env,
        FLEET_EMULATOR_OPTIONS: JSON.stringify({
          fleet: {
            services: options.services,
            clusters: options.clusters,
            gateways: options.gateways,
            listenersPerGateway: options.listeners,
            listenerPoliciesPerGateway: options.listenerPolicies,
            seed: options.seed,
          },
          emulator: {
            latencyMs: options.latencyMs,
            rateLimitPerSecond: options.rate,
            burst: options.burst,
            resourceGraphPageSize: 1000,
          },
          keyFile,
          certFile,
          entitiesFile,
          kubernetes: options.kubernetes === 1,
        }),
      },
    });
    children.push(emulator);
    const fleet = await nextMessage<any>(emulator, 'ready', 180_000);
    console.log(
      `Generated the fleet in ${ms(fleet.generationMs)}: ${
        fleet.armResources
      } ARM resources`,
      fleet.resourceCounts,
    );

    const backend = fork(path.join(__dirname, 'backend.js'), [], {
      execArgv: [
        '--expose-gc',
        ...v8Flags,
        ...(options.maxOldSpaceMib
          ? [`--max-old-space-size=${options.maxOldSpaceMib}`]
          : []),
        ...(options.profile
          ? ['--cpu-prof', `--cpu-prof-dir=${path.join(__dirname, 'profiles')}`]
          : []),
      ],
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: certFile,
        FLEET_BACKEND_OPTIONS: JSON.stringify({
          origin: fleet.origin,
          entitiesFile,
          databasePrefix,
          maxConcurrency: options.concurrency,
          kubernetesMaxConcurrency: options.kubernetesConcurrency,
          tenantId: TENANT_ID,
          subscriptionIds: SUBSCRIPTION_IDS,
          kubernetesClusters: fleet.kubernetesClusters,
          caData: fs.readFileSync(certFile).toString('base64'),
        }),
      },
    });
    children.push(backend);
    const { port } = await nextMessage<{ port: number }>(
      backend,
      'ready',
      180_000,
    );
    const rssBeforeRefresh = residentBytes(backend.pid!);

    emulator.send({ type: 'reset' });
    await nextMessage(emulator, 'reset', 10_000);
    let peakRss = rssBeforeRefresh;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, residentBytes(backend.pid!));
    }, 50);
    const emulatorCpuBefore = cpuMilliseconds(emulator.pid!);
    backend.send({ type: 'refresh' });
    const refresh = await nextMessage<any>(backend, 'refreshed', 30 * 60_000);
    const emulatorCpuMs = cpuMilliseconds(emulator.pid!) - emulatorCpuBefore;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, residentBytes(backend.pid!));

    emulator.send({ type: 'stats' });
    const { stats, kubernetes } = await nextMessage<{
      stats: EmulatorStats;
      kubernetes: { requests: number; distinct: number };
    }>(emulator, 'stats', 10_000);
    const successes = Object.values(stats.successesByPath);
    const uniqueReads = successes.length;
    const successfulReads = successes.reduce((sum, count) => sum + count, 0);
    // Every ARM resource is one GET, except the rule collection groups: one list per firewall policy.
    // The controllers' SecretProviderClasses name the gateways' vault, so they add no GET.
    const neededReads =
      fleet.armResources -
      fleet.ruleCollectionGroups +
      fleet.ruleCollectionGroupLists +
      1;
    const unansweredReads = Math.max(0, neededReads - uniqueReads);
    const readMs =
      (stats.lastRequestAt ?? 0) -
      (stats.firstRequestAt ?? 0) +
      options.latencyMs;

    // The Kubernetes lists depend on the backend's read plan (kinds per
    // cluster, API versions tried), so their need is taken as the distinct
    // lists it asked for. They have a concurrency limit of their own and run
    // beside the ARM reads, so the floor is the longer of the two.
    const kubernetesLists = kubernetes.distinct;
    const kubernetesFloorMs =
      (kubernetesLists * options.latencyMs) / options.kubernetesConcurrency;

    const armLatencyFloorMs =
      (neededReads * options.latencyMs) / options.concurrency;
    const rateFloorMs =
      (Math.max(0, neededReads - options.burst) / options.rate) * 1000;
    const throttleWaitMs = Math.max(0, rateFloorMs - armLatencyFloorMs);
    const floorMs = Math.max(
      armLatencyFloorMs + throttleWaitMs,
      kubernetesFloorMs,
    );

    const entities = JSON.parse(
      fs.readFileSync(entitiesFile, 'utf8'),
    ) as Array<{ metadata: { name: string } }>;
    // The health route reads nothing and needs no credentials, so its
    // latency is what the HTTP stack alone costs on this machine.
    const health = await measureLatency({
      port,
      clients: options.clients,
      count: options.requests,
      timeLimitMs: 120_000,
      path: () => '/api/aks-traffic-security/health',
    });
    const assessment = await measureLatency({
      port,
      clients: options.clients,
      count: options.requests,
      timeLimitMs: 120_000,
      path: index =>
        `/api/aks-traffic-security/entities/component/default/${
          entities[(index * 7919) % entities.length].metadata.name
        }/assessment`,
    });
    const fleetPage = await measureLatency({
      port,
      clients: options.clients,
      count: options.requests,
      timeLimitMs: 120_000,
      path: index =>
        `/api/aks-traffic-security/fleet?limit=50&offset=${
          (index * 50) % options.services
        }`,
    });

    // With nothing changed since the full refresh, this lists the catalog
    // and compares it with the stored facts. The row counts what it read.
    emulator.send({ type: 'reset' });
    await nextMessage(emulator, 'reset', 10_000);
    backend.send({ type: 'refresh-changed' });
    const changed = await nextMessage<any>(backend, 'refreshed', 10 * 60_000);
    emulator.send({ type: 'stats' });
    const changedReads = await nextMessage<{
      stats: EmulatorStats;
      kubernetes: { requests: number; distinct: number };
    }>(emulator, 'stats', 10_000);

    const rows: Array<[string, string, string]> = [
      [
        'full refresh wall time',
        ms(refresh.durationMs),
        `floor ${ms(floorMs)} (ARM ${ms(armLatencyFloorMs)} reads + ${ms(
          throttleWaitMs,
        )} throttle; Kubernetes ${ms(kubernetesFloorMs)}); target <= ${ms(
          floorMs * 1.3,
        )}`,
      ],
      ['  of which ARM reads (first to last request)', ms(readMs), ''],
      ['  backend CPU time during the refresh', ms(refresh.cpuMs), ''],
      [
        '  emulator CPU time during the refresh',
        ms(emulatorCpuMs),
        `ARM and ${
          options.kubernetes === 1 ? fleet.kubernetesClusters.length : 0
        } Kubernetes API servers, on the same ${os.cpus().length} CPUs`,
      ],
      [
        'ARM and Resource Graph reads with 200',
        `${successfulReads} (${uniqueReads} distinct)`,
        `needed ${neededReads}; target: no duplicate reads`,
      ],
      [
        'needed reads that never got 200',
        String(unansweredReads),
        unansweredReads > 0
          ? 'the source gave up after its retries, so some checks are unknown'
          : 'every needed read got 200',
      ],
      [
        'requests with 429',
        `${stats.throttled} (Retry-After total ${stats.retryAfterSeconds} s)`,
        `limit ${options.rate}/s, burst ${options.burst}`,
      ],
      ['token requests', String(stats.tokenRequests), ''],
      [
        'Kubernetes list requests',
        `${kubernetes.requests} (${kubernetesLists} distinct)`,
        options.kubernetes
          ? `${fleet.kubernetesClusters.length} clusters; target: no duplicate reads`
          : 'not served (--kubernetes=0)',
      ],
      [
        'backend peak RSS during the refresh',
        mib(peakRss),
        `before the refresh ${mib(rssBeforeRefresh)}; target <= 500 MiB`,
      ],
      [
        '  heap used at the end of the refresh',
        mib(refresh.memory.heapUsed),
        `after a full GC ${mib(refresh.memoryAfterGc.heapUsed)} (RSS ${mib(
          refresh.memoryAfterGc.rss,
        )})`,
      ],
      [
        'refresh of changed entities, none changed',
        ms(changed.durationMs),
        `backend CPU ${ms(changed.cpuMs)}; ${
          changedReads.stats.requests
        } ARM requests, ${changedReads.kubernetes.requests} Kubernetes lists`,
      ],
      [
        'health route p50 / p95 / p99',
        `${ms(health.p50)} / ${ms(health.p95)} / ${ms(health.p99)}`,
        `${options.clients} clients, ${health.requests} requests, ${
          health.failed
        } not 200, ${Math.round(
          health.perSecond,
        )}/s; no database read, no credentials`,
      ],
      [
        'entity assessment p50 / p95 / p99',
        `${ms(assessment.p50)} / ${ms(assessment.p95)} / ${ms(assessment.p99)}`,
        `${options.clients} clients, ${assessment.requests} requests, ${
          assessment.failed
        } not 200, ${Math.round(assessment.perSecond)}/s; target p95 <= 50 ms`,
      ],
      [
        'fleet page p50 / p95 / p99',
        `${ms(fleetPage.p50)} / ${ms(fleetPage.p95)} / ${ms(fleetPage.p99)}`,
        `${options.clients} clients, ${fleetPage.requests} requests, ${
          fleetPage.failed
        } not 200, ${Math.round(fleetPage.perSecond)}/s; target p95 <= 50 ms`,
      ],
    ];
    console.log(
      `\nFleet benchmark: ${options.services} entities, ${
        options.clusters
      } clusters, ${options.gateways} gateways x ${
        options.listeners
      } listeners; latency ${options.latencyMs} ms, concurrency ${
        options.concurrency
      }, backend V8 flags ${v8Flags.join(' ') || 'none'}, old-space limit ${
        options.maxOldSpaceMib ? `${options.maxOldSpaceMib} MiB` : 'default'
      }`,
    );
    console.log(
      `Machine: nproc ${os.cpus().length}, memory ${mib(os.totalmem())} (${mib(
        os.freemem(),
      )} free), Node.js ${process.version}, load average ${os
        .loadavg()
        .map(v => v.toFixed(1))
        .join(' ')}\n`,
    );
    for (const [name, value, target] of rows) {
      console.log(`${name.padEnd(46)} ${value.padEnd(28)} ${target}`);
    }

    for (const child of children) {
      child.send({ type: 'stop' });
    }
    await Promise.all(
      children.map(
        child =>
          new Promise(resolve =>
            child.exitCode !== null
              ? resolve(null)
              : child.once('exit', resolve),
          ),
      ),
    );
  } finally {
    for (const child of children) {
      if (child.exitCode === null && child.pid) {
        process.kill(child.pid);
      }
    }
    const dropped = await dropDatabases(databasePrefix).catch(error => [
      `failed: ${error.message}`,
    ]);
    console.log(`Dropped databases: ${dropped.join(', ') || 'none'}`);
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
