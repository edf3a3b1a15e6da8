import fs from 'fs';
import path from 'path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { readResourceFiles } from './readResourceFiles';
import { buildResourceSet } from './buildResourceSet';

const FIXTURES_DIR = path.resolve(__dirname, '../../../../fixtures');

function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8');
}

describe('readResourceFiles', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.clear();
  });

  it('reads ARM and Kubernetes files from nested directories', async () => {
    mockDir.setContent({
      'azure/cluster.json': fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ),
      'azure/network/waf.json': fixtureText(
        'arm-specs-network-2023-11-01/WafPolicyGet.json',
      ),
      'k8s/ingress.yaml': fixtureText('aks-baseline/02-aspnetapp-ingress.yaml'),
      'README.md': '# not a resource file',
    });

    const read = await readResourceFiles(['.'], { baseDir: mockDir.path });

    expect(read.failures).toEqual([]);
    expect(read.kubernetesNamespaceRead).toBe(true);
    const arm = read.resources.filter(resource => resource.kind === 'arm');
    expect(arm.map(resource => resource.type)).toEqual([
      'Microsoft.ContainerService/managedClusters',
      'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    ]);
    expect(arm.map(resource => resource.origin.location)).toEqual([
      'azure/cluster.json',
      'azure/network/waf.json',
    ]);
    const ingress = read.resources.find(
      resource =>
        resource.kind === 'kubernetes' && resource.objectKind === 'Ingress',
    );
    expect(ingress?.origin).toEqual({
      source: 'file',
      location: 'k8s/ingress.yaml',
      format: 'kubernetes',
      readAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('skips hidden entries and node_modules', async () => {
    mockDir.setContent({
      '.git/config.json': '{"not": "a resource"}',
      '.eslintrc.json': '{"root": true}',
      'node_modules/pkg/package.json': '{"name": "pkg"}',
      'cluster.json': fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ),
    });

    const read = await readResourceFiles([mockDir.path], {
      baseDir: mockDir.path,
    });

    expect(read.failures).toEqual([]);
    expect(read.resources.map(resource => resource.origin.location)).toEqual([
      'cluster.json',
    ]);
    expect(read.kubernetesNamespaceRead).toBe(false);
    expect(read.unreadManifests).toEqual([
      { location: '.eslintrc.json', reason: 'hidden' },
      { location: '.git', reason: 'hidden' },
      { location: 'node_modules', reason: 'dependencies' },
    ]);
  });

  it('reports a bad file as a failure and reads the rest', async () => {
    mockDir.setContent({
      'broken.json': '{"id": "/subscriptions/',
      'empty.yaml': '',
      'cluster.json': fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ),
    });

    const read = await readResourceFiles(['.'], { baseDir: mockDir.path });

    expect(read.resources).toHaveLength(1);
    expect(read.failures.map(failure => failure.target).sort()).toEqual([
      'broken.json',
      'empty.yaml',
    ]);
    for (const failure of read.failures) {
      expect(failure.reason).toBe('invalid-document');
      expect(failure.message).toContain(failure.target);
    }
  });

  it('reports a file over the size limit', async () => {
    mockDir.setContent({
      'large.json': fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ),
    });

    const read = await readResourceFiles(['large.json'], {
      baseDir: mockDir.path,
      maxFileBytes: 100,
    });

    expect(read.resources).toEqual([]);
    expect(read.failures).toHaveLength(1);
    expect(read.failures[0].reason).toBe('file-too-large');
    expect(read.failures[0].message).toMatch(
      /^large\.json is \d+ bytes, larger than the limit of 100 bytes/,
    );
  });

  it('reports a path that does not exist', async () => {
    mockDir.setContent({});

    const read = await readResourceFiles(['missing/cluster.json'], {
      baseDir: mockDir.path,
    });

    expect(read.resources).toEqual([]);
    expect(read.failures).toEqual([
      {
        target: 'missing/cluster.json',
        reason: 'unreadable-file',
        message: 'missing/cluster.json was not found',
      },
    ]);
  });

  it('ends a symbolic link loop', async () => {
    mockDir.setContent({
      'snapshot/cluster.json': fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ),
      'snapshot/loop': ({ symlink }) => symlink('..'),
    });

    const read = await readResourceFiles(['snapshot'], {
      baseDir: mockDir.path,
    });

    expect(read.failures).toEqual([]);
    expect(read.resources.map(resource => resource.origin.location)).toEqual([
      'snapshot/cluster.json',
    ]);
  });

  it('records the modification time as read time', async () => {
    mockDir.setContent({
      'cluster.json': fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ),
    });
    const modifiedAt = new Date('2026-03-01T08:00:00.000Z');
    fs.utimesSync(mockDir.resolve('cluster.json'), modifiedAt, modifiedAt);

    const read = await readResourceFiles(['cluster.json'], {
      baseDir: mockDir.path,
    });

    expect(read.resources[0].origin.readAt).toBe('2026-03-01T08:00:00.000Z');
  });

  it('reads a file named explicitly whatever its extension', async () => {
    mockDir.setContent({
      'cluster.txt': fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ),
    });

    const fromDirectory = await readResourceFiles(['.'], {
      baseDir: mockDir.path,
    });
    const explicit = await readResourceFiles(['cluster.txt'], {
      baseDir: mockDir.path,
    });

    expect(fromDirectory.resources).toEqual([]);
    expect(explicit.resources).toHaveLength(1);
    expect(explicit.resources[0].origin.location).toBe('cluster.txt');
  });

  it('keeps one of several equal copies', async () => {
    const cluster = fixtureText(
      'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
    );
    mockDir.setContent({
      'a/cluster.json': cluster,
      'b/cluster.json': cluster,
    });

    const read = await readResourceFiles(['.'], { baseDir: mockDir.path });

    expect(read.failures).toEqual([]);
    expect(read.resources.map(resource => resource.origin.location)).toEqual([
      'a/cluster.json',
    ]);
  });

  it('reports ARM copies that differ', async () => {
    const cluster = fixtureText(
      'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
    );
    const changed = cluster.replace(
      '"enableRBAC": false',
      '"enableRBAC": true',
    );
    expect(changed).not.toBe(cluster);
    mockDir.setContent({ 'a.json': cluster, 'b.json': changed });

    const read = await readResourceFiles(['.'], { baseDir: mockDir.path });

    expect(read.resources).toEqual([]);
    expect(read.failures).toEqual([
      {
        target: expect.stringMatching(/managedClusters\/clustername1$/),
        reason: 'conflicting-copies',
        message: expect.stringContaining('(a.json, b.json)'),
      },
    ]);
  });

  it('reports Kubernetes copies that differ by kind', async () => {
    const ingress = fixtureText('aks-baseline/02-aspnetapp-ingress.yaml');
    const changed = ingress.replace(
      'name: aspnetapp-service',
      'name: aspnetapp-service-v2',
    );
    expect(changed).not.toBe(ingress);
    mockDir.setContent({ 'one.yaml': ingress, 'two.yaml': changed });

    const read = await readResourceFiles(['.'], { baseDir: mockDir.path });

    expect(read.failures.map(failure => failure.target)).toEqual([
      'kubernetes:Ingress',
    ]);
    // The IngressClass of both files is the same, so one copy is kept.
    expect(
      read.resources.map(resource =>
        resource.kind === 'kubernetes' ? resource.objectKind : resource.type,
      ),
    ).toEqual(['IngressClass']);
  });
});

describe('buildResourceSet', () => {
  it('carries the read resources, failures and scope', () => {
    const read = {
      resources: [],
      failures: [
        {
          target: 'a.json',
          reason: 'invalid-document',
          message: 'a.json is empty',
        },
      ],
      kubernetesNamespaceRead: true,
      unreadManifests: [],
    };

    const set = buildResourceSet(read, {
      namespace: 'a0008',
      hostNames: ['x.contoso.com'],
    });

    expect(set).toEqual({
      scope: { namespace: 'a0008', hostNames: ['x.contoso.com'] },
      resources: [],
      failures: read.failures,
      kubernetesNamespaceRead: true,
    });
    expect(set.failures).not.toBe(read.failures);
  });
});
