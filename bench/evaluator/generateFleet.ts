import fs from 'fs';
import path from 'path';
import {
  ArmResource,
  JsonObject,
  KubernetesResource,
  parseResourceDocument,
  Resource,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The size of a synthetic fleet. */
export interface FleetOptions {
  services: number;
  clusters: number;
  gateways: number;
  listenersPerGateway: number;
  /** Listeners per gateway that have a WAF policy of their own. */
  listenerPoliciesPerGateway: number;
  seed: number;
}

export interface Fleet {
  resourceSets: ResourceSet[];
  /** The distinct resources behind the sets; many sets share a cluster or gateway. */
  distinctResources: number;
  /** The number of ARM resources of each type, and of Kubernetes objects. */
  resourceCounts: Record<string, number>;
}

const SNAPSHOT_DIR = path.resolve(__dirname, '../../examples/snapshot');
const TEMPLATE_CLUSTER = 'aks-contoso-prod-01';
const TEMPLATE_GATEWAY = 'agw-contoso-prod-01';
const TEMPLATE_WAF_POLICY = 'waf-contoso-prod-01';
const TEMPLATE_SERVICE = 'checkout';

/** A small seeded generator (mulberry32), so every run builds the same fleet. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function readSnapshot(directory: string): Resource[] {
  const resources: Resource[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      resources.push(...readSnapshot(file));
    } else if (/\.(json|ya?ml)$/.test(entry.name)) {
      const parsed = parseResourceDocument(fs.readFileSync(file, 'utf8'), {
        source: 'snapshot',
        location: path.relative(SNAPSHOT_DIR, file),
      });
      resources.push(...parsed.resources);
    }
  }
  return resources;
}

/** Copies a value through JSON with every occurrence of each name replaced. */
function renamed<T>(value: T, replacements: [string, string][]): T {
  let text = JSON.stringify(value);
  for (const [from, to] of replacements) {
    text = text.split(from).join(to);
  }
  return JSON.parse(text);
}

function armResource(body: JsonObject, template: ArmResource): ArmResource {
  return {
    kind: 'arm',
    id: String(body.id),
    type: template.type,
    name: String(body.name),
    body,
    origin: {
      source: 'synthetic',
      location: `${template.type}/${String(body.name)}`,
    },
  };
}

function find(resources: Resource[], type: string, name: string): ArmResource {
  const found = resources.find(
    (resource): resource is ArmResource =>
      resource.kind === 'arm' &&
      resource.type.toLowerCase() === type.toLowerCase() &&
      resource.name === name,
  );
  if (!found) {
    throw new Error(`The example snapshot has no ${type} named ${name}`);
  }
  return found;
}

function properties(body: JsonObject): JsonObject {
  return body.properties as JsonObject;
}

const LISTENER_CHAIN = [
  'httpListeners',
  'sslCertificates',
  'requestRoutingRules',
  'backendAddressPools',
  'backendHttpSettingsCollection',
  'probes',
];

/**
 * Builds a gateway with the given number of HTTPS listeners by copying the
 * chain of the template's checkout listener (listener, certificate, routing
 * rule, pool, backend settings, probe) under new names.
 */
function scaleGateway(
  template: ArmResource,
  name: string,
  wafPolicyName: string,
  listeners: number,
  listenerPolicyIds: string[],
  random: () => number,
): ArmResource {
  const body = renamed(template.body, [
    [TEMPLATE_GATEWAY, name],
    [TEMPLATE_WAF_POLICY, wafPolicyName],
  ]);
  const props = properties(body);
  const chain = LISTENER_CHAIN.map(collection =>
    (props[collection] as JsonObject[]).find(element =>
      String(element.name).includes(TEMPLATE_SERVICE),
    ),
  );

  for (const collection of LISTENER_CHAIN) {
    props[collection] = [];
  }
  for (let index = 0; index < listeners; index++) {
    const copy = renamed(chain, [[TEMPLATE_SERVICE, `svc${index}`]]);
    LISTENER_CHAIN.forEach((collection, position) => {
      (props[collection] as JsonObject[]).push(copy[position] as JsonObject);
    });

    const rule = properties(copy[2] as JsonObject);
    rule.priority = 100 + index;
    const listener = properties(copy[0] as JsonObject);
    if (index < listenerPolicyIds.length) {
      listener.firewallPolicy = { id: listenerPolicyIds[index] };
    }
    // About one listener in fifty is a plaintext one left behind.
    if (random() < 0.02) {
      listener.protocol = 'Http';
      delete listener.sslCertificate;
    }
  }
  return armResource(body, template);
}

function variantCluster(
  template: ArmResource,
  name: string,
  random: () => number,
): ArmResource {
  const body = renamed(template.body, [[TEMPLATE_CLUSTER, name]]);
  const props = properties(body);
  const network = props.networkProfile as JsonObject;

  // Faults at rates that make every verdict occur somewhere in the fleet.
  if (random() < 0.1) {
    delete network.networkPolicy;
  }
  if (random() < 0.1) {
    network.outboundType = 'loadBalancer';
  }
  if (random() < 0.05) {
    props.disableLocalAccounts = false;
  }
  return armResource(body, template);
}

function variantWafPolicy(
  template: ArmResource,
  name: string,
  random: () => number,
): ArmResource {
  const body = renamed(template.body, [[TEMPLATE_WAF_POLICY, name]]);
  const settings = properties(body).policySettings as JsonObject;
  if (random() < 0.1) {
    settings.mode = 'Detection';
  }
  return armResource(body, template);
}

function kubernetesCopy(
  object: KubernetesResource,
  replacements: [string, string][],
): KubernetesResource {
  const body = renamed(object.body, replacements);
  const metadata = body.metadata as JsonObject;
  return {
    ...object,
    name: String(metadata.name),
    namespace:
      typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    body,
  };
}

/**
 * Generates a fleet of resource sets in ARM wire shape from the example
 * snapshot: clusters, gateways with many HTTPS listeners, WAF policies
 * (one per gateway and some per listener), the Key Vault, the spoke network,
 * the hub firewall, and the namespace objects of every service.
 */
export function generateFleet(options: FleetOptions): Fleet {
  const random = seededRandom(options.seed);
  const snapshot = readSnapshot(SNAPSHOT_DIR);

  const clusterTemplate = find(
    snapshot,
    'Microsoft.ContainerService/managedClusters',
    TEMPLATE_CLUSTER,
  );
  const gatewayTemplate = find(
    snapshot,
    'Microsoft.Network/applicationGateways',
    TEMPLATE_GATEWAY,
  );
  const wafTemplate = find(
    snapshot,
    'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    TEMPLATE_WAF_POLICY,
  );
  // The hub firewall, its policy and rule groups, the spoke network, the
  // route table and the vault are shared by the whole fleet, as in a hub
  // and spoke landing zone.
  const shared = snapshot.filter(
    resource =>
      resource.kind === 'arm' &&
      ![
        'microsoft.containerservice/managedclusters',
        'microsoft.network/applicationgateways',
      ].includes(resource.type.toLowerCase()) &&
      !resource.type.toLowerCase().endsWith('webapplicationfirewallpolicies'),
  );
  const kubernetes = snapshot.filter(
    (resource): resource is KubernetesResource =>
      resource.kind === 'kubernetes',
  );
  const controllerObjects = kubernetes.filter(object =>
    object.origin.location.includes(`${TEMPLATE_CLUSTER}/traefik/`),
  );
  const serviceObjects = kubernetes.filter(object =>
    object.origin.location.includes(`${TEMPLATE_CLUSTER}/${TEMPLATE_SERVICE}/`),
  );

  const clusters = Array.from({ length: options.clusters }, (_, index) =>
    variantCluster(clusterTemplate, `aks-fleet-${index}`, random),
  );
  const controllersByCluster = clusters.map(cluster =>
    controllerObjects.map(object =>
      kubernetesCopy(object, [[TEMPLATE_CLUSTER, cluster.name]]),
    ),
  );

  const gateways = Array.from({ length: options.gateways }, (_, index) => {
    const gatewayName = `agw-fleet-${index}`;
    const globalPolicy = variantWafPolicy(
      wafTemplate,
      `waf-fleet-${index}`,
      random,
    );
    const listenerPolicies = Array.from(
      { length: options.listenerPoliciesPerGateway },
      (__, slot) =>
        variantWafPolicy(
          wafTemplate,
          `waf-fleet-${index}-listener-${slot}`,
          random,
        ),
    );
    const gateway = scaleGateway(
      gatewayTemplate,
      gatewayName,
      globalPolicy.name,
      options.listenersPerGateway,
      listenerPolicies.map(policy => policy.id),
      random,
    );
    return { gateway, policies: [globalPolicy, ...listenerPolicies] };
  });

  const resourceSets: ResourceSet[] = [];
  const distinct = new Set<Resource>([
    ...shared,
    ...clusters,
    ...controllersByCluster.flat(),
  ]);
  for (const entry of gateways) {
    distinct.add(entry.gateway);
    entry.policies.forEach(policy => distinct.add(policy));
  }

  for (let index = 0; index < options.services; index++) {
    const clusterIndex = index % options.clusters;
    const gatewayIndex = index % options.gateways;
    const listener =
      Math.floor(index / options.gateways) % options.listenersPerGateway;
    const service = `svc${listener}`;
    const namespace = `${service}-${index}`;

    const objects = serviceObjects.map(object =>
      kubernetesCopy(object, [
        [`"namespace":"${TEMPLATE_SERVICE}"`, `"namespace":"${namespace}"`],
        [`${TEMPLATE_SERVICE}.aks-ingress`, `${service}.aks-ingress`],
      ]),
    );
    objects.forEach(object => distinct.add(object));

    const cluster = clusters[clusterIndex];
    const { gateway, policies } = gateways[gatewayIndex];
    resourceSets.push({
      scope: {
        clusterId: cluster.id,
        gatewayId: gateway.id,
        namespace,
        hostNames: [`${service}.contoso.com`],
        internalDomainSuffix: 'aks-ingress.contoso.com',
        tlsToPod: false,
      },
      resources: [
        cluster,
        gateway,
        ...policies,
        ...shared,
        ...controllersByCluster[clusterIndex],
        ...objects,
      ],
      failures: [],
      kubernetesNamespaceRead: true,
    });
  }

  const resourceCounts: Record<string, number> = {};
  for (const resource of distinct) {
    const key = resource.kind === 'arm' ? resource.type : 'Kubernetes objects';
    resourceCounts[key] = (resourceCounts[key] ?? 0) + 1;
  }
  return { resourceSets, distinctResources: distinct.size, resourceCounts };
}
