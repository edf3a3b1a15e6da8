import fs from 'fs';
import { ArmEmulator, EmulatorOptions } from './ArmEmulator';
import { generateArmFleet } from './generateArmFleet';
import { FleetOptions } from '../evaluator/generateFleet';
import { FakeKubernetesApi } from '../../plugins/aks-traffic-security-backend/src/__testUtils__/kubernetesApiMock';

/** The group versions that an API server serves without custom resources. */
const BUILT_IN_GROUP_VERSIONS = new Set([
  'v1',
  'apps/v1',
  'networking.k8s.io/v1',
]);

/**
 * The emulator's child process: generates the fleet, serves it, writes the
 * catalog entities to a file and handles `stats`, `reset` and `stop`
 * messages from the benchmark over IPC. With `kubernetes`, each cluster's
 * Kubernetes API is a fake API server of its own, with the same latency and
 * certificate as the ARM emulator.
 */
async function main() {
  const options = JSON.parse(process.env.FLEET_EMULATOR_OPTIONS!) as {
    fleet: FleetOptions;
    emulator: Omit<EmulatorOptions, 'tls'>;
    keyFile: string;
    certFile: string;
    entitiesFile: string;
    kubernetes: boolean;
  };

  const startedAt = Date.now();
  const fleet = generateArmFleet(options.fleet);
  const generationMs = Date.now() - startedAt;
  fs.writeFileSync(options.entitiesFile, JSON.stringify(fleet.entities));

  const tls = {
    key: fs.readFileSync(options.keyFile, 'utf8'),
    cert: fs.readFileSync(options.certFile, 'utf8'),
  };
  const emulator = new ArmEmulator(fleet, { ...options.emulator, tls });
  const origin = await emulator.start();

  const kubernetesApis = new Map<string, FakeKubernetesApi>();
  if (options.kubernetes) {
    for (const [clusterId, objects] of fleet.kubernetesObjects) {
      const api = await FakeKubernetesApi.start({
        tls,
        latencyMs: options.emulator.latencyMs,
      });
      api.token = KUBERNETES_TOKEN;
      for (const object of objects) {
        api.add(object.body);
        if (!BUILT_IN_GROUP_VERSIONS.has(object.apiVersion)) {
          api.installed.add(object.apiVersion);
        }
      }
      kubernetesApis.set(clusterId, api);
    }
  }

  process.on('message', async (message: { type: string }) => {
    if (message.type === 'stats') {
      process.send!({
        type: 'stats',
        stats: emulator.stats(),
        kubernetes: kubernetesStats([...kubernetesApis.values()]),
      });
    } else if (message.type === 'reset') {
      emulator.resetStats();
      kubernetesApis.forEach(api => api.requests.splice(0));
      process.send!({ type: 'reset' });
    } else if (message.type === 'stop') {
      await emulator.stop();
      await Promise.all([...kubernetesApis.values()].map(api => api.close()));
      process.exit(0);
    }
  });
  process.send!({
    type: 'ready',
    origin,
    generationMs,
    armResources: fleet.resources.size,
    ruleCollectionGroupLists: fleet.ruleCollectionGroups.size,
    ruleCollectionGroups: [...fleet.ruleCollectionGroups.values()].flat()
      .length,
    resourceGraphRows: fleet.resourceGraphRows.length,
    resourceCounts: fleet.resourceCounts,
    kubernetesClusters: [...kubernetesApis].map(([clusterId, api]) => ({
      clusterId,
      url: api.url,
    })),
  });
}

/** The token the fake API servers accept. */
const KUBERNETES_TOKEN = 'fleet-benchmark-token';

/** Counts the list requests of every cluster, and the distinct ones among them. */
function kubernetesStats(apis: FakeKubernetesApi[]) {
  const distinct = new Set<string>();
  let requests = 0;
  apis.forEach((api, index) => {
    for (const request of api.requests) {
      requests += 1;
      distinct.add(
        `${index} ${request.path}?${new URLSearchParams(request.query)}`,
      );
    }
  });
  return { requests, distinct: distinct.size };
}

main().catch(error => {
  process.stderr.write(`The ARM emulator failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
