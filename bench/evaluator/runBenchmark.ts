import os from 'os';
import { execFileSync } from 'child_process';
import { performance } from 'perf_hooks';
import {
  ALL_CHECKS,
  evaluate,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetOptions, generateFleet } from './generateFleet';

const DEFAULT_OPTIONS: FleetOptions = {
  services: 5000,
  clusters: 300,
  gateways: 60,
  listenersPerGateway: 80,
  listenerPoliciesPerGateway: 5,
  seed: 20260301,
};

interface Measurement {
  wallMs: number;
  cpuMs: number;
}

function parseOptions(args: string[]): { fleet: FleetOptions; runs: number } {
  const fleet = { ...DEFAULT_OPTIONS };
  let runs = 3;
  for (const arg of args) {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg);
    if (!match) {
      throw new Error(
        `Invalid argument '${arg}'; expected --services=N, --clusters=N, --gateways=N, --listeners=N, --listener-policies=N, --seed=N or --runs=N.`,
      );
    }
    const value = Number(match[2]);
    switch (match[1]) {
      case 'services':
        fleet.services = value;
        break;
      case 'clusters':
        fleet.clusters = value;
        break;
      case 'gateways':
        fleet.gateways = value;
        break;
      case 'listeners':
        fleet.listenersPerGateway = value;
        break;
      case 'listener-policies':
        fleet.listenerPoliciesPerGateway = value;
        break;
      case 'seed':
        fleet.seed = value;
        break;
      case 'runs':
        runs = value;
        break;
      default:
        throw new Error(
          `Unknown option --${match[1]}; expected --services, --clusters, --gateways, --listeners, --listener-policies, --seed or --runs.`,
        );
    }
  }
  return { fleet, runs };
}

function measure(work: () => void): Measurement {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  work();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function command(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8' }).trim();
  } catch {
    return '(not available)';
  }
}

function evaluateAll(sets: ResourceSet[], now: Date): number {
  let checks = 0;
  for (const set of sets) {
    checks += evaluate(set, { now }).checks.length;
  }
  return checks;
}

function format(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function main(): void {
  const { fleet: options, runs } = parseOptions(process.argv.slice(2));

  const generation = performance.now();
  const fleet = generateFleet(options);
  const generationMs = performance.now() - generation;
  const sets = fleet.resourceSets;
  const resourcesEvaluated = sets.reduce(
    (sum, set) => sum + set.resources.length,
    0,
  );
  const now = new Date();

  // Warm-up, so that the figures measure optimised code.
  evaluateAll(sets.slice(0, Math.min(sets.length, 500)), now);

  const measurements: Measurement[] = [];
  let checksPerRun = 0;
  for (let run = 0; run < runs; run++) {
    measurements.push(
      measure(() => {
        checksPerRun = evaluateAll(sets, now);
      }),
    );
  }

  // The cost of each check over the first 500 sets, to find the slow ones.
  const sample = sets.slice(0, Math.min(sets.length, 500));
  const perCheck = ALL_CHECKS.map(check => ({
    id: check.id,
    ...measure(() => {
      for (const set of sample) {
        evaluate(set, { checks: [check], now });
      }
    }),
  })).sort((a, b) => b.cpuMs - a.cpuMs);

  const wallMs = median(measurements.map(item => item.wallMs));
  const cpuMs = median(measurements.map(item => item.cpuMs));
  const lines = [
    `Fleet: ${format(sets.length)} resource sets over ${
      options.clusters
    } clusters and ${options.gateways} gateways of ${
      options.listenersPerGateway
    } listeners (${
      options.listenerPoliciesPerGateway
    } with their own WAF policy), seed ${options.seed}.`,
    `Distinct resources: ${format(fleet.distinctResources)} (${Object.entries(
      fleet.resourceCounts,
    )
      .map(([type, count]) => `${type} ${format(count)}`)
      .join(', ')}).`,
    `Resources evaluated per run (summed over the sets): ${format(
      resourcesEvaluated,
    )}; checks per run: ${format(checksPerRun)} (${
      ALL_CHECKS.length
    } in the catalog).`,
    `Generation: ${format(generationMs)} ms.`,
    `Runs: ${runs}; wall time per run (median): ${format(
      wallMs,
    )} ms; CPU time per run (median): ${format(
      cpuMs,
    )} ms; all runs (wall, ms): ${measurements
      .map(item => format(item.wallMs))
      .join(', ')}.`,
    `Throughput (median wall time): ${format(
      sets.length / (wallMs / 1000),
    )} resource sets/s, ${format(
      resourcesEvaluated / (wallMs / 1000),
    )} resources/s, ${format(checksPerRun / (wallMs / 1000))} checks/s.`,
    `Throughput (median CPU time): ${format(
      resourcesEvaluated / (cpuMs / 1000),
    )} resources/s, ${format(checksPerRun / (cpuMs / 1000))} checks/s.`,
    `Slowest checks (CPU ms over ${sample.length} sets): ${perCheck
      .slice(0, 8)
      .map(item => `${item.id} ${item.cpuMs.toFixed(0)}`)
      .join(', ')}.`,
    `Heap used after the runs: ${format(
      process.memoryUsage().heapUsed / 1024 / 1024,
    )} MiB.`,
    '',
    `Machine: ${os.cpus().length} logical CPUs (nproc ${command(
      'nproc',
      [],
    )}), ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${
      process.version
    }, ${os.platform()} ${os.release()}.`,
    'free -g:',
    command('free', ['-g']),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
