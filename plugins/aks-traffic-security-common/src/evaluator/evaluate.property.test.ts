import fc from 'fast-check';
import {
  ArmResource,
  AssessmentScope,
  JsonValue,
  ReadFailure,
  Resource,
  ResourceSet,
} from '../types';
import { ALL_CHECKS } from '../checks/catalog';
import { CheckDefinition } from '../checks/types';
import { allInputFiles, allInputResources } from '../__testUtils__/inputFiles';
import { parseResourceDocument } from '../resources/parseDocument';
import { isJsonObject } from '../resources/json';
import { evaluate, FLOWS } from './evaluate';
import {
  APPLICATION_GATEWAY_TYPE,
  EvaluationContext,
  MANAGED_CLUSTER_TYPE,
} from './EvaluationContext';
import { isVerdict } from './verdicts';

const ABSENT_CLUSTER_ID =
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-absent/providers/Microsoft.ContainerService/managedClusters/aks-absent';
const ABSENT_GATEWAY_ID =
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-absent/providers/Microsoft.Network/applicationGateways/apw-absent';

const ALL_RESOURCES = allInputResources();

function isOfType(resource: Resource, type: string): boolean {
  return (
    resource.kind === 'arm' &&
    resource.type.toLowerCase() === type.toLowerCase()
  );
}

function resourceSet(
  resources: Resource[],
  scope: AssessmentScope = {},
  failures: ReadFailure[] = [],
  kubernetesNamespaceRead = resources.some(
    resource => resource.kind === 'kubernetes',
  ),
): ResourceSet {
  return { scope, resources, failures, kubernetesNamespaceRead };
}

/** Asserts the contract of an assessment, whatever the resource set. */
function expectWellFormed(set: ResourceSet): void {
  const assessment = evaluate(set);

  expect(assessment.checks).toHaveLength(ALL_CHECKS.length);
  expect(assessment.checks.map(check => check.checkId)).toEqual(
    ALL_CHECKS.map(check => check.id),
  );
  for (const check of assessment.checks) {
    expect(isVerdict(check.verdict)).toBe(true);
    expect(typeof check.message).toBe('string');
    expect(Array.isArray(check.evidence)).toBe(true);
  }
  expect(assessment.flows.map(flow => flow.flow)).toEqual([...FLOWS]);
}

/** Returns every path into a JSON value, as lists of keys and indexes. */
function jsonPaths(
  value: JsonValue,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  const children: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      children.push(...jsonPaths(item, [...prefix, index])),
    );
  } else if (isJsonObject(value)) {
    for (const [key, field] of Object.entries(value)) {
      children.push(...jsonPaths(field, [...prefix, key]));
    }
  }
  return [prefix, ...children];
}

/** Returns a copy of a JSON value with the value at a path replaced. */
function replaceAt(
  value: JsonValue,
  path: (string | number)[],
  replacement: JsonValue,
): JsonValue {
  if (path.length === 0) {
    return replacement;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      index === head ? replaceAt(item, rest, replacement) : item,
    );
  }
  if (isJsonObject(value)) {
    return {
      ...value,
      [head]: replaceAt(value[head as string], rest, replacement),
    };
  }
  return value;
}

/** A resource with one value anywhere in its body replaced by arbitrary JSON. */
const mutatedResource: fc.Arbitrary<Resource> = fc
  .constantFrom(...ALL_RESOURCES)
  .chain(resource => {
    const paths = jsonPaths(resource.body).filter(path => path.length > 0);
    return fc
      .tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }))
      .map(([path, replacement]) => {
        const body = replaceAt(resource.body, path, replacement as JsonValue);
        return {
          ...resource,
          body: isJsonObject(body) ? body : {},
        } as Resource;
      });
  });

const scopeArbitrary: fc.Arbitrary<AssessmentScope> = fc.record(
  {
    clusterId: fc.oneof(
      fc.constant(ABSENT_CLUSTER_ID),
      fc.constantFrom(
        ...ALL_RESOURCES.filter(resource =>
          isOfType(resource, MANAGED_CLUSTER_TYPE),
        ).map(resource => (resource as ArmResource).id),
      ),
    ),
    gatewayId: fc.oneof(
      fc.constant(ABSENT_GATEWAY_ID),
      fc.constantFrom(
        ...ALL_RESOURCES.filter(resource =>
          isOfType(resource, APPLICATION_GATEWAY_TYPE),
        ).map(resource => (resource as ArmResource).id),
      ),
    ),
    namespace: fc.constantFrom('a0008', 'default', 'cluster-baseline-settings'),
    hostNames: fc.array(fc.domain(), { maxLength: 2 }),
    internalDomainSuffix: fc.constantFrom(
      'aks-ingress.contoso.com',
      'contoso.internal',
    ),
    tlsToPod: fc.boolean(),
  },
  { requiredKeys: [] },
);

const failureArbitrary: fc.Arbitrary<ReadFailure> = fc.record({
  target: fc.constantFrom(
    ABSENT_CLUSTER_ID,
    ABSENT_GATEWAY_ID,
    'kubernetes:Ingress',
    'cluster.json',
  ),
  reason: fc.constantFrom(
    'not-found',
    'forbidden',
    'throttled',
    'invalid-document',
  ),
  message: fc.string(),
});

/**
 * Runs one check alone and records what it read: whether it looked up the
 * cluster or the gateway, and whether it found any other data (Kubernetes
 * objects of a namespace that was read, or other ARM resources).
 */
function runAlone(check: CheckDefinition, set: ResourceSet) {
  const spies = {
    cluster: jest.spyOn(EvaluationContext.prototype, 'cluster'),
    gateway: jest.spyOn(EvaluationContext.prototype, 'gateway'),
    armOfType: jest.spyOn(EvaluationContext.prototype, 'armOfType'),
    armById: jest.spyOn(EvaluationContext.prototype, 'armById'),
    kubernetes: jest.spyOn(EvaluationContext.prototype, 'kubernetes'),
    kubernetesInAnyNamespace: jest.spyOn(
      EvaluationContext.prototype,
      'kubernetesInAnyNamespace',
    ),
  };

  try {
    const [result] = evaluate(set, { checks: [check] }).checks;

    const typesRead = spies.armOfType.mock.calls.map(([type]) =>
      type.toLowerCase(),
    );
    const readCluster =
      spies.cluster.mock.calls.length > 0 ||
      typesRead.includes(MANAGED_CLUSTER_TYPE.toLowerCase());
    const readGateway =
      spies.gateway.mock.calls.length > 0 ||
      typesRead.includes(APPLICATION_GATEWAY_TYPE.toLowerCase());

    const found = (results: jest.MockResult<unknown>[]) =>
      results.some(
        item =>
          item.type === 'return' &&
          ((Array.isArray(item.value) && item.value.length > 0) ||
            (isJsonObject(item.value) && item.value.found === true)),
      );
    const foundOtherData = {
      cluster:
        found(spies.gateway.mock.results) ||
        found(spies.armById.mock.results) ||
        found(spies.kubernetes.mock.results) ||
        found(spies.kubernetesInAnyNamespace.mock.results) ||
        spies.armOfType.mock.results.some(
          (item, index) =>
            typesRead[index] !== MANAGED_CLUSTER_TYPE.toLowerCase() &&
            Array.isArray(item.value) &&
            item.value.length > 0,
        ),
      gateway:
        found(spies.cluster.mock.results) ||
        found(spies.armById.mock.results) ||
        found(spies.kubernetes.mock.results) ||
        found(spies.kubernetesInAnyNamespace.mock.results) ||
        spies.armOfType.mock.results.some(
          (item, index) =>
            typesRead[index] !== APPLICATION_GATEWAY_TYPE.toLowerCase() &&
            Array.isArray(item.value) &&
            item.value.length > 0,
        ),
    };

    return { result, readCluster, readGateway, foundOtherData };
  } finally {
    Object.values(spies).forEach(spy => spy.mockRestore());
  }
}

describe('evaluate properties', () => {
  it('reads resources of every kind from the input files', () => {
    expect(
      ALL_RESOURCES.some(resource => isOfType(resource, MANAGED_CLUSTER_TYPE)),
    ).toBe(true);
    expect(
      ALL_RESOURCES.some(resource =>
        isOfType(resource, APPLICATION_GATEWAY_TYPE),
      ),
    ).toBe(true);
    expect(ALL_RESOURCES.some(resource => resource.kind === 'kubernetes')).toBe(
      true,
    );
  });

  it('never throws on any subset of the input resources', () => {
    fc.assert(
      fc.property(
        fc.subarray(ALL_RESOURCES),
        scopeArbitrary,
        fc.array(failureArbitrary, { maxLength: 3 }),
        fc.boolean(),
        (resources, scope, failures, namespaceRead) => {
          expectWellFormed(
            resourceSet(resources, scope, failures, namespaceRead),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never throws on resources with arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.array(mutatedResource, { minLength: 1, maxLength: 6 }),
        fc.subarray(ALL_RESOURCES, { maxLength: 10 }),
        scopeArbitrary,
        (mutated, others, scope) => {
          expectWellFormed(resourceSet([...mutated, ...others], scope));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never throws on documents of arbitrary JSON', () => {
    const armLike = fc.record({
      id: fc.constantFrom(
        ABSENT_CLUSTER_ID,
        ABSENT_GATEWAY_ID,
        '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
      ),
      name: fc.string(),
      type: fc.constantFrom(
        MANAGED_CLUSTER_TYPE,
        APPLICATION_GATEWAY_TYPE,
        'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
        'Microsoft.Network/azureFirewalls',
        'Microsoft.Network/routeTables',
        'Microsoft.KeyVault/vaults',
      ),
      properties: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
    });
    const kubernetesLike = fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1'),
      kind: fc.constantFrom(
        'Ingress',
        'Service',
        'Deployment',
        'NetworkPolicy',
        'ConfigMap',
      ),
      metadata: fc.record({
        name: fc.string(),
        namespace: fc.constant('a0008'),
      }),
      spec: fc.jsonValue({ maxDepth: 3 }),
    });
    const document = fc.oneof(fc.jsonValue(), armLike, kubernetesLike);

    fc.assert(
      fc.property(
        fc.array(document, { minLength: 1, maxLength: 5 }),
        scopeArbitrary,
        (documents, scope) => {
          const resources = documents.flatMap(
            value =>
              parseResourceDocument(JSON.stringify(value), {
                source: 'file',
                location: 'arbitrary.json',
              }).resources,
          );
          expectWellFormed(resourceSet(resources, scope));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws on the resources of truncated input files', () => {
    const files = allInputFiles();
    const truncated = fc.constantFrom(...files).chain(file =>
      fc.integer({ min: 0, max: file.text.length }).map(offset => ({
        name: file.name,
        text: file.text.slice(0, offset),
      })),
    );

    fc.assert(
      fc.property(
        fc.array(truncated, { minLength: 1, maxLength: 4 }),
        inputs => {
          const parsed = inputs.map(input =>
            parseResourceDocument(input.text, {
              source: 'file',
              location: input.name,
            }),
          );
          expectWellFormed(
            resourceSet(
              parsed.flatMap(document => document.resources),
              {},
              parsed.flatMap(document => document.failures),
            ),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  // A check may read the cluster for a side note, as the unsupported
  // controller check does for the application routing add-on, and pass on
  // Kubernetes objects it found. Only a pass resting on nothing it found is wrong.
  it('never passes on an absent cluster alone', () => {
    const withoutClusters = ALL_RESOURCES.filter(
      resource => !isOfType(resource, MANAGED_CLUSTER_TYPE),
    );

    fc.assert(
      fc.property(
        fc.subarray(withoutClusters),
        fc.boolean(),
        (resources, scopeNamesCluster) => {
          const scope = scopeNamesCluster
            ? { clusterId: ABSENT_CLUSTER_ID }
            : {};
          const set = resourceSet(resources, scope);

          const passedOnNothing = ALL_CHECKS.map(check => runAlone(check, set))
            .filter(
              run =>
                run.readCluster &&
                !run.foundOtherData.cluster &&
                run.result.verdict === 'pass',
            )
            .map(run => run.result.checkId);

          expect(passedOnNothing).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('never passes on an absent gateway alone', () => {
    const withoutGateways = ALL_RESOURCES.filter(
      resource => !isOfType(resource, APPLICATION_GATEWAY_TYPE),
    );

    fc.assert(
      fc.property(
        fc.subarray(withoutGateways),
        fc.boolean(),
        (resources, scopeNamesGateway) => {
          const scope = scopeNamesGateway
            ? { gatewayId: ABSENT_GATEWAY_ID }
            : {};
          const set = resourceSet(resources, scope);

          const passedOnNothing = ALL_CHECKS.map(check => runAlone(check, set))
            .filter(
              run =>
                run.readGateway &&
                !run.foundOtherData.gateway &&
                run.result.verdict === 'pass',
            )
            .map(run => run.result.checkId);

          expect(passedOnNothing).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('finds checks that read the cluster and the gateway', () => {
    const set = resourceSet([], {
      clusterId: ABSENT_CLUSTER_ID,
      gatewayId: ABSENT_GATEWAY_ID,
    });

    const runs = ALL_CHECKS.map(check => runAlone(check, set));

    // Guards the two properties above against spies that never fire.
    expect(runs.some(run => run.readCluster)).toBe(true);
    expect(runs.some(run => run.readGateway)).toBe(true);
    for (const run of runs.filter(
      item => item.readCluster || item.readGateway,
    )) {
      expect(run.result.verdict).not.toBe('pass');
    }
  });

  it('judges a named absent cluster unknown in the cluster checks', () => {
    const set = resourceSet([], { clusterId: ABSENT_CLUSTER_ID });

    const clusterChecks = ALL_CHECKS.map(check => runAlone(check, set)).filter(
      run => run.readCluster,
    );

    for (const run of clusterChecks) {
      expect(['unknown', 'not-applicable']).toContain(run.result.verdict);
    }
    expect(clusterChecks.some(run => run.result.verdict === 'unknown')).toBe(
      true,
    );
  });
});
