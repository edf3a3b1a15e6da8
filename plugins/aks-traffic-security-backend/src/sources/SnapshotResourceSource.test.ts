import fs from 'fs';
import path from 'path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  annotatedComponent,
  clusterId,
  fixtureText,
  privateClusterJson,
  publicClusterJson,
} from '../__testUtils__/fixtures';
import { SnapshotResourceSource } from './SnapshotResourceSource';

describe('SnapshotResourceSource', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.setContent({
      'azure/clusters/aks-public.json': publicClusterJson('aks-public'),
      'azure/clusters/aks-private.json': privateClusterJson('aks-private'),
      'kubernetes/aks-public/a0008/ingress.yaml': fixtureText(
        'aks-baseline/02-aspnetapp-ingress.yaml',
      ),
      'kubernetes/aks-public/a0008/deny-all.yaml': fixtureText(
        'aks-baseline-regulated/networkpolicy-denyall.yaml',
      ),
      'kubernetes/aks-public/traefik/traefik.yaml': fixtureText(
        'aks-baseline/traefik.yaml',
      ),
      'kubernetes/aks-private/other/ingress.yaml': fixtureText(
        'agic/ingress-https.yaml',
      ),
    });
  });

  function read(cluster: string, namespace: string = 'a0008') {
    const source = new SnapshotResourceSource({ directory: mockDir.path });
    const entity = annotatedComponent('app', { cluster, namespace });
    return source.readResourceSet(entity, {
      clusterId: clusterId(cluster),
      namespace,
    });
  }

  it('returns all ARM resources and the cluster namespace folders', async () => {
    const set = await read('aks-public');

    expect(set.failures).toEqual([]);
    expect(set.kubernetesNamespaceRead).toBe(true);
    const armIds = set.resources
      .filter(resource => resource.kind === 'arm')
      .map(resource => resource.kind === 'arm' && resource.id)
      .sort();
    expect(armIds).toEqual([clusterId('aks-private'), clusterId('aks-public')]);
    const namespaces = new Set(
      set.resources.flatMap(resource =>
        resource.kind === 'kubernetes' ? [resource.namespace] : [],
      ),
    );
    expect(namespaces).toEqual(new Set(['a0008']));
    const locations = new Set(set.resources.map(r => r.origin.location));
    expect(locations).toContain('kubernetes/aks-public/traefik/traefik.yaml');
    expect(locations).not.toContain(
      'kubernetes/aks-private/other/ingress.yaml',
    );
  });

  it('gives objects without a namespace the namespace of their folder', async () => {
    const set = await read('aks-public');

    const denyAll = set.resources.find(
      resource =>
        resource.kind === 'kubernetes' &&
        resource.objectKind === 'NetworkPolicy',
    );
    expect(denyAll?.kind).toBe('kubernetes');
    expect(denyAll?.kind === 'kubernetes' ? denyAll.namespace : '').toBe(
      'a0008',
    );
    expect(denyAll?.origin).toMatchObject({
      source: 'snapshot',
      location: 'kubernetes/aks-public/a0008/deny-all.yaml',
    });
  });

  it('marks the namespace unread when its folder is missing', async () => {
    const set = await read('aks-private', 'a0008');

    expect(set.kubernetesNamespaceRead).toBe(false);
    expect(
      set.resources.some(
        resource =>
          resource.kind === 'kubernetes' && resource.namespace === 'other',
      ),
    ).toBe(true);
  });

  it('marks the namespace unread when the cluster has no folder', async () => {
    const set = await read('aks-missing');

    expect(set.kubernetesNamespaceRead).toBe(false);
    expect(set.resources.every(resource => resource.kind === 'arm')).toBe(true);
  });

  it('turns a broken ARM file into failures for the ids it names', async () => {
    mockDir.addContent({
      'azure/clusters/aks-broken.json': publicClusterJson('aks-broken').slice(
        0,
        400,
      ),
    });

    const set = await read('aks-public');

    const targets = set.failures.map(failure => failure.target);
    expect(targets).toContain('azure/clusters/aks-broken.json');
    expect(targets).toContain(clusterId('aks-broken'));
    const failure = set.failures.find(
      f => f.target === clusterId('aks-broken'),
    );
    expect(failure?.reason).toBe('invalid-document');
    expect(failure?.message).toMatch(
      /^azure\/clusters\/aks-broken\.json is not valid JSON/,
    );
  });

  it('turns a broken YAML file into failures for the kinds it names', async () => {
    mockDir.addContent({
      'kubernetes/aks-public/a0008/policy.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-dns\n spec: [',
    });

    const set = await read('aks-public');

    expect(set.kubernetesNamespaceRead).toBe(true);
    const failure = set.failures.find(
      f => f.target === 'kubernetes:NetworkPolicy',
    );
    expect(failure?.reason).toBe('invalid-document');
    expect(failure?.message).toContain(
      'kubernetes/aks-public/a0008/policy.yaml',
    );
  });

  it('marks the namespace unread when a broken file names no kind', async () => {
    mockDir.addContent({ 'kubernetes/aks-public/a0008/empty.yaml': '' });

    const set = await read('aks-public');

    expect(set.kubernetesNamespaceRead).toBe(false);
    expect(set.failures.map(failure => failure.target)).toEqual([
      'kubernetes/aks-public/a0008/empty.yaml',
    ]);
  });

  it('keeps broken files of other namespaces out of the kind failures', async () => {
    mockDir.addContent({
      'kubernetes/aks-public/traefik/broken.yaml': 'kind: Ingress\nspec: [',
    });

    const set = await read('aks-public');

    expect(set.failures.map(failure => failure.target)).toEqual([
      'kubernetes/aks-public/traefik/broken.yaml',
    ]);
  });

  it('fails the kind of differing copies in their namespace only', async () => {
    const policy = fixtureText(
      'aks-baseline-regulated/networkpolicy-denyall.yaml',
    );
    const changed = policy.replace('- Ingress', '- Egress');
    expect(changed).not.toBe(policy);
    mockDir.addContent({
      'kubernetes/aks-public/a0008/deny-all-copy.yaml': changed,
      'kubernetes/aks-public/other/deny-all.yaml': policy,
      'kubernetes/aks-public/other/deny-all-copy.yaml': changed,
    });

    const own = await read('aks-public');
    const other = await read('aks-public', 'elsewhere');

    expect(own.kubernetesNamespaceRead).toBe(true);
    expect(own.failures).toEqual([
      expect.objectContaining({
        target: 'kubernetes:NetworkPolicy',
        reason: 'conflicting-copies',
      }),
    ]);
    expect(other.failures).toEqual([]);
  });

  it('keeps the parsed snapshot until the next refresh', async () => {
    const source = new SnapshotResourceSource({ directory: mockDir.path });
    const entity = annotatedComponent('app', { cluster: 'aks-public' });
    const scope = { clusterId: clusterId('aks-public'), namespace: 'a0008' };
    const before = await source.readResourceSet(entity, scope);

    fs.rmSync(path.join(mockDir.path, 'kubernetes/aks-public/a0008'), {
      recursive: true,
    });
    const cached = await source.readResourceSet(entity, scope);
    source.beginRefresh();
    const refreshed = await source.readResourceSet(entity, scope);

    expect(before.kubernetesNamespaceRead).toBe(true);
    expect(cached.kubernetesNamespaceRead).toBe(true);
    expect(refreshed.kubernetesNamespaceRead).toBe(false);
  });

  it('throws when the snapshot directory does not exist', async () => {
    const source = new SnapshotResourceSource({
      directory: `${mockDir.path}/missing`,
    });

    await expect(
      source.readResourceSet(annotatedComponent('app', { cluster: 'x' }), {}),
    ).rejects.toThrow(
      `Snapshot directory ${mockDir.path}/missing cannot be read: it does not exist; set aksTrafficSecurity.snapshot.directory`,
    );
  });
});
