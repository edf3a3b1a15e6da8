import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { scopeFromAnnotations, AnnotatedEntity } from './annotations';
import { evaluate } from './evaluator/evaluate';
import { isJsonObject } from './resources/json';
import { parseResourceDocument } from './resources/parseDocument';
import {
  Assessment,
  Flow,
  KubernetesResource,
  ReadFailure,
  Resource,
  ResourceSet,
  Verdict,
} from './types';

// The demo data the app shows with its embedded defaults: the catalog in
// examples/entities.yaml and the snapshot in examples/snapshot. These tests
// keep the verdicts that examples/README.md promises for each service.
const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples');
const SNAPSHOT_DIR = path.join(EXAMPLES_DIR, 'snapshot');

const RESOURCE_FILE = /\.(json|ya?ml)$/;

function listFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) {
    return [];
  }
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => {
      const child = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        return listFiles(child);
      }
      return RESOURCE_FILE.test(entry.name) ? [child] : [];
    });
}

function readFiles(files: string[]): {
  resources: Resource[];
  failures: ReadFailure[];
} {
  const resources: Resource[] = [];
  const failures: ReadFailure[] = [];
  for (const file of files) {
    const parsed = parseResourceDocument(fs.readFileSync(file, 'utf8'), {
      source: 'snapshot',
      location: path.relative(SNAPSHOT_DIR, file),
    });
    resources.push(...parsed.resources);
    failures.push(...parsed.failures);
  }
  return { resources, failures };
}

/**
 * Builds an entity's resource set the way the backend's snapshot source
 * does: every ARM file, and every namespace folder of the entity's cluster,
 * where an object without a namespace takes its folder's name. The entity's
 * Kubernetes namespace counts as read when its folder exists.
 */
function snapshotResourceSet(entity: AnnotatedEntity): ResourceSet {
  const { scope } = scopeFromAnnotations(entity);

  const arm = readFiles(listFiles(path.join(SNAPSHOT_DIR, 'azure')));

  const clusterName = scope.clusterId?.split('/').pop() ?? '';
  const clusterDir = path.join(SNAPSHOT_DIR, 'kubernetes', clusterName);
  const namespaces = fs.existsSync(clusterDir)
    ? fs
        .readdirSync(clusterDir, { withFileTypes: true })
        .filter(entry => entry.isDirectory())
        .map(entry => entry.name)
    : [];
  const kubernetes = namespaces.map(namespace => {
    const read = readFiles(listFiles(path.join(clusterDir, namespace)));
    return {
      failures: read.failures,
      resources: read.resources.map(resource => ({
        ...(resource as KubernetesResource),
        namespace: (resource as KubernetesResource).namespace ?? namespace,
      })),
    };
  });

  return {
    scope,
    resources: [
      ...arm.resources,
      ...kubernetes.flatMap(read => read.resources),
    ],
    failures: [...arm.failures, ...kubernetes.flatMap(read => read.failures)],
    kubernetesNamespaceRead:
      scope.namespace !== undefined && namespaces.includes(scope.namespace),
  };
}

interface CatalogEntity extends AnnotatedEntity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
}

function readComponents(): CatalogEntity[] {
  const text = fs.readFileSync(
    path.join(EXAMPLES_DIR, 'entities.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(document => document.toJS())
    .filter(
      (entity): entity is CatalogEntity =>
        isJsonObject(entity) && entity.kind === 'Component',
    );
}

function assess(name: string): Assessment {
  const entity = readComponents().find(
    component => component.metadata.name === name,
  );
  if (!entity) {
    throw new Error(`Component ${name} is not in examples/entities.yaml`);
  }
  return evaluate(snapshotResourceSet(entity));
}

function flowVerdicts(assessment: Assessment): Record<Flow, Verdict> {
  return Object.fromEntries(
    assessment.flows.map(flow => [flow.flow, flow.verdict]),
  ) as Record<Flow, Verdict>;
}

/** Returns the verdicts that are neither `pass` nor `not-applicable`, by check id. */
function findings(assessment: Assessment): Record<string, Verdict> {
  return Object.fromEntries(
    assessment.checks
      .filter(
        check => check.verdict !== 'pass' && check.verdict !== 'not-applicable',
      )
      .map(check => [check.checkId, check.verdict]),
  );
}

const ALL_PASS: Record<Flow, Verdict> = {
  ingress: 'pass',
  egress: 'pass',
  'pod-to-pod': 'pass',
  management: 'pass',
};

describe('examples snapshot', () => {
  it('parses every file without failures', () => {
    const read = readFiles(listFiles(SNAPSHOT_DIR));

    expect(read.failures).toEqual([]);
    expect(read.resources.length).toBeGreaterThan(60);
  });

  it('contains no certificate data, passwords or Secrets', () => {
    for (const file of listFiles(SNAPSHOT_DIR)) {
      const text = fs.readFileSync(file, 'utf8');
      const relative = path.relative(SNAPSHOT_DIR, file);

      expect({
        file: relative,
        found: /"(data|publicCertData|password)"\s*:/.test(text),
      }).toEqual({
        file: relative,
        found: false,
      });
      expect({ file: relative, found: /^kind: Secret$/m.test(text) }).toEqual({
        file: relative,
        found: false,
      });
    }
  });
});

describe('examples catalog', () => {
  it('has six annotated services and one without annotations', () => {
    const components = readComponents();
    const scopes = components.map(component => ({
      name: component.metadata.name,
      ...scopeFromAnnotations(component),
    }));

    expect(scopes.filter(scope => scope.missing.length === 0)).toHaveLength(6);
    for (const scope of scopes) {
      expect({ name: scope.name, errors: scope.errors }).toEqual({
        name: scope.name,
        errors: [],
      });
    }
    expect(
      scopes.find(scope => scope.name === 'newsletter-signup')?.missing,
    ).toEqual([
      'aks-traffic-security.io/cluster-id',
      'aks-traffic-security.io/gateway-id',
    ]);
  });

  it('names a namespace folder for every annotated service', () => {
    for (const component of readComponents()) {
      const { scope, missing } = scopeFromAnnotations(component);
      if (missing.length > 0) {
        continue;
      }
      const folder = path.join(
        SNAPSHOT_DIR,
        'kubernetes',
        scope.clusterId!.split('/').pop()!,
        scope.namespace!,
      );

      expect({
        name: component.metadata.name,
        exists: fs.existsSync(folder),
      }).toEqual({
        name: component.metadata.name,
        exists: true,
      });
    }
  });
});

describe('examples verdicts', () => {
  it('passes every flow of checkout-api', () => {
    const assessment = assess('checkout-api');

    expect(flowVerdicts(assessment)).toEqual(ALL_PASS);
    expect(findings(assessment)).toEqual({});
    expect(
      assessment.checks
        .filter(check => check.verdict === 'not-applicable')
        .map(check => check.checkId)
        .sort(),
    ).toEqual([
      'ingress.k8s.gateway-listener-tls',
      'ingress.k8s.httproute-hosts',
      'mgmt.aks.authorized-ip-ranges-valid',
    ]);
    expect(assessment.counts.pass).toBe(assessment.checks.length - 3);
  });

  it('fails the TLS version of store-terminal-api only', () => {
    const assessment = assess('store-terminal-api');

    expect(flowVerdicts(assessment)).toEqual({ ...ALL_PASS, ingress: 'fail' });
    expect(findings(assessment)).toEqual({
      'ingress.appgw.min-tls-version': 'fail',
    });
  });

  it('fails the WAF mode of product-catalog only', () => {
    const assessment = assess('product-catalog');

    expect(flowVerdicts(assessment)).toEqual({ ...ALL_PASS, ingress: 'fail' });
    expect(findings(assessment)).toEqual({
      'ingress.waf.prevention-mode': 'fail',
    });
  });

  it('fails the API server exposure of inventory-sync only', () => {
    const assessment = assess('inventory-sync');

    expect(flowVerdicts(assessment)).toEqual({
      ...ALL_PASS,
      management: 'fail',
    });
    expect(findings(assessment)).toEqual({
      'mgmt.aks.api-server-exposure': 'fail',
    });
  });

  it('fails the network policy engine of shipment-tracker only', () => {
    const assessment = assess('shipment-tracker');

    expect(flowVerdicts(assessment)).toEqual({
      ...ALL_PASS,
      'pod-to-pod': 'fail',
    });
    expect(findings(assessment)).toEqual({
      'pod.aks.network-policy-engine': 'fail',
    });
  });

  it('reports the checks that need the unread gateway as unknown', () => {
    const assessment = assess('customer-profile');
    // The Key Vault checks judge the vaults that the gateway's certificates
    // name, so they need the gateway too.
    const gatewayChecks = assessment.checks.filter(
      check =>
        check.checkId.startsWith('ingress.appgw.') ||
        check.checkId.startsWith('ingress.waf.') ||
        check.checkId.startsWith('ingress.keyvault.'),
    );
    const subnetCheck = assessment.checks.find(
      check => check.checkId === 'pod.k8s.controller-ingress-from-appgw',
    );

    expect(flowVerdicts(assessment)).toEqual({
      ...ALL_PASS,
      ingress: 'unknown',
      'pod-to-pod': 'unknown',
    });
    expect(gatewayChecks).toHaveLength(19);
    for (const check of gatewayChecks) {
      expect({
        id: check.checkId,
        verdict: check.verdict,
        reason: check.reason,
      }).toEqual({
        id: check.checkId,
        verdict: 'unknown',
        reason: 'unresolved-reference',
      });
    }
    // The controller's NetworkPolicy is compared with the gateway's subnet,
    // which only the gateway names.
    expect(subnetCheck?.verdict).toBe('unknown');
    expect(findings(assessment)).toEqual({
      ...Object.fromEntries(
        gatewayChecks.map(check => [check.checkId, 'unknown']),
      ),
      'pod.k8s.controller-ingress-from-appgw': 'unknown',
    });
  });
});
