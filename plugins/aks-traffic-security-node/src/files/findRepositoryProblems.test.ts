import fs from 'fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { findRepositoryProblems } from './findRepositoryProblems';
import { readResourceFiles } from './readResourceFiles';

describe('findRepositoryProblems', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.clear();
  });

  async function problemsOf(namespace = 'orders') {
    const read = await readResourceFiles(['kubernetes'], {
      baseDir: mockDir.path,
    });
    return findRepositoryProblems({ read, namespace });
  }

  it('allows hidden files that hold no manifest', async () => {
    mockDir.setContent({
      'kubernetes/.gitkeep': '',
      'kubernetes/.DS_Store': 'binary',
    });

    expect(await problemsOf()).toEqual([]);
  });

  it('reports a dependency folder', async () => {
    mockDir.setContent({
      'kubernetes/node_modules/lb/service.yaml': 'kind: Service',
    });

    expect(await problemsOf()).toEqual([
      'kubernetes/node_modules is a dependency folder, which is not read; do not commit dependencies',
    ]);
  });

  it('reports hidden manifests and directories', async () => {
    mockDir.setContent({
      'kubernetes/.plain.yaml': 'kind: Service',
      'kubernetes/.overlay/service.yaml': 'kind: Service',
    });

    expect((await problemsOf()).sort()).toEqual([
      'kubernetes/.overlay is hidden, so it is not read',
      'kubernetes/.plain.yaml is hidden, so it is not read',
    ]);
  });

  it('follows a linked directory to a kustomization', async () => {
    mockDir.setContent({ 'overlays/prod/kustomization.yaml': 'resources: []' });
    fs.mkdirSync(mockDir.resolve('kubernetes'));
    fs.symlinkSync(
      mockDir.resolve('overlays'),
      mockDir.resolve('kubernetes/overlays'),
    );

    expect(await problemsOf()).toEqual([
      'kubernetes/overlays/prod/kustomization.yaml is a kustomization, which can change the objects after they were judged',
    ]);
  });

  it('reports a Secret with values without showing them', async () => {
    mockDir.setContent({
      'kubernetes/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: orders\ndata:\n  password: c2VjcmV0\n',
    });

    const [problem] = await problemsOf();

    expect(problem).toMatch(
      /^Secret orders\/db in kubernetes\/secret.yaml sets data;/,
    );
    expect(problem).not.toContain('c2VjcmV0');
  });

  it('reports an object in another namespace', async () => {
    mockDir.setContent({
      'kubernetes/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: public\n',
    });

    expect(await problemsOf()).toEqual([
      "Service public/api in kubernetes/service.yaml is not in the service's namespace orders, so no check judges it",
    ]);
  });

  it('reports a private key in a ConfigMap', async () => {
    const pem =
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n';
    mockDir.setContent({
      'kubernetes/config.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: tls',
        '  namespace: orders',
        'data:',
        `  key.pem: ${JSON.stringify(pem)}`,
        '  app.json: "{}"',
        'binaryData:',
        `  key.der: ${Buffer.from(pem).toString('base64')}`,
      ].join('\n'),
    });

    const [problem] = await problemsOf();

    expect(problem).toMatch(
      /^ConfigMap orders\/tls in kubernetes\/config.yaml contains a private key in data.key.pem, binaryData.key.der;/,
    );
    expect(problem).not.toContain('MHcCAQEE');
  });

  it.each([
    ['namespace: null', 'metadata.namespace is null'],
    ['namespace: 123', 'metadata.namespace is the number 123'],
  ])('reports %s', async (line, description) => {
    mockDir.setContent({
      'kubernetes/service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  ${line}\n`,
    });

    expect(await problemsOf()).toEqual([
      `Service in kubernetes/service.yaml: ${description}; expected a non-empty string, quoted when YAML would read it as another type`,
    ]);
  });

  it('reports a name that is not text', async () => {
    mockDir.setContent({
      'kubernetes/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: true\n  namespace: orders\n',
    });

    expect(await problemsOf()).toEqual([
      'Service in kubernetes/service.yaml: metadata.name is the boolean true; expected a non-empty string, quoted when YAML would read it as another type',
    ]);
  });

  it('reports a kind that no check judges', async () => {
    mockDir.setContent({
      'kubernetes/policy.yaml': [
        'apiVersion: crd.projectcalico.org/v1',
        'kind: GlobalNetworkPolicy',
        'metadata:',
        '  name: allow-all',
        'spec:',
        '  selector: all()',
        '  types: [Ingress]',
        '  ingress: [{ action: Allow }]',
      ].join('\n'),
    });

    const [problem] = await problemsOf();

    expect(problem).toMatch(
      /^crd.projectcalico.org\/v1 GlobalNetworkPolicy allow-all in kubernetes\/policy.yaml is a kind that no check judges; a service repository declares only ConfigMap, /,
    );
  });

  it('accepts the kinds a service declares', async () => {
    mockDir.setContent({
      'kubernetes/objects.yaml': [
        ['v1', 'ServiceAccount'],
        ['apps/v1', 'Deployment'],
        ['autoscaling/v2', 'HorizontalPodAutoscaler'],
        ['networking.k8s.io/v1', 'NetworkPolicy'],
        ['traefik.io/v1alpha1', 'TLSOption'],
        ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
      ]
        .map(
          ([apiVersion, kind]) =>
            `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: api\n  namespace: orders\n`,
        )
        .join('---\n'),
    });

    expect(await problemsOf()).toEqual([]);
  });

  it('reports a gateway other than the service gateway', async () => {
    const gatewayId = (name: string) =>
      `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/${name}`;
    const gateway = (name: string) =>
      JSON.stringify({
        id: gatewayId(name),
        name,
        type: 'Microsoft.Network/applicationGateways',
        properties: { httpListeners: [] },
      });
    mockDir.setContent({
      'infra/appgw-service.json': gateway('agw-shop'),
      'infra/appgw-extra.json': gateway('agw-extra'),
    });
    const read = await readResourceFiles(['infra'], { baseDir: mockDir.path });

    const problems = findRepositoryProblems({
      read,
      namespace: 'orders',
      gatewayId: gatewayId('AGW-SHOP'),
    });

    expect(problems).toEqual([
      `Application Gateway ${gatewayId(
        'agw-extra',
      )} in infra/appgw-extra.json is not the service's gateway ${gatewayId(
        'AGW-SHOP',
      )}, so no check judges it`,
    ]);
  });

  it('reports a service gateway file that names another gateway', async () => {
    const id =
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw-shop';
    mockDir.setContent({
      'infra/appgw-service.json': JSON.stringify({
        id,
        name: 'agw-unjudged',
        type: 'Microsoft.Network/applicationGateways',
        properties: {
          httpListeners: [
            {
              id: `${id.replace('agw-shop', 'agw-other')}/httpListeners/l1`,
              name: 'l1',
              properties: { protocol: 'Https' },
            },
          ],
        },
      }),
    });
    const read = await readResourceFiles(['infra'], { baseDir: mockDir.path });

    const problems = findRepositoryProblems({
      read,
      namespace: 'orders',
      gatewayId: id,
    });

    expect(problems).toEqual([
      "infra/appgw-service.json names the gateway 'agw-unjudged', 'agw-other' in its name or sub-resource ids; expected only 'agw-shop', the gateway of --gateway-id or the gateway-id annotation",
    ]);
  });

  it('reports private keys in environment variables and UTF-16 data', async () => {
    const pgp = '-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n';
    mockDir.setContent({
      'kubernetes/objects.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        '  namespace: orders',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          env:',
        '            - name: SIGNING_KEY',
        `              value: ${JSON.stringify(pgp)}`,
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: keys',
        '  namespace: orders',
        'binaryData:',
        `  key.utf16: ${Buffer.from(
          '-----BEGIN PRIVATE KEY-----',
          'utf16le',
        ).toString('base64')}`,
      ].join('\n'),
    });

    const problems = await problemsOf();

    expect(problems).toEqual([
      'Deployment orders/api in kubernetes/objects.yaml contains a private key in spec.template.spec.containers[0].env[0].value; keep it in Key Vault and mount it with the Secrets Store CSI driver',
      'ConfigMap orders/keys in kubernetes/objects.yaml contains a private key in binaryData.key.utf16; keep it in Key Vault and mount it with the Secrets Store CSI driver',
    ]);
    expect(problems.join()).not.toContain('lQOYBF');
  });
});
