import { Resource } from '../../types';
import { arm, fixture, kubernetes } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import { NETWORK_RG } from '../../__testUtils__/networkResources';
import { controllerIngressFromAppGw } from './controllerIngressFromAppGw';

const AB = [
  ...fixture('aks-baseline/01-aspnetapp.yaml'),
  ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
  ...fixture('aks-baseline/traefik.yaml'),
  ...fixture('aks-baseline/ingress-network-policy.yaml'),
];

/** Returns the aks-baseline Ingress without its middleware annotation. */
function ingressWithoutMiddlewares(): Resource[] {
  return fixture('aks-baseline/02-aspnetapp-ingress.yaml').map(resource => {
    if (resource.kind === 'kubernetes' && resource.objectKind === 'Ingress') {
      const annotations = { ...(resource.body.metadata as any).annotations };
      delete annotations['traefik.ingress.kubernetes.io/router.middlewares'];
      return {
        ...resource,
        body: {
          ...resource.body,
          metadata: { ...(resource.body.metadata as any), annotations },
        },
      };
    }
    return resource;
  });
}

/** The aks-baseline objects with the ingress controller allow-list removed. */
const AB_WITHOUT_ALLOW_LIST = [
  ...fixture('aks-baseline/01-aspnetapp.yaml'),
  ...ingressWithoutMiddlewares(),
  ...fixture('aks-baseline/traefik.yaml'),
  ...fixture('aks-baseline/ingress-network-policy.yaml'),
];

function controllerPolicy(cidr: string) {
  return kubernetes(`
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
  name: allow-appgw-to-traefik
  namespace: a0008
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: traefik-ingress-ilb
  policyTypes: [Ingress]
  ingress:
  - from:
    - ipBlock:
        cidr: ${cidr}
    ports:
    - port: 8443
      protocol: TCP
`);
}

/** Returns the App Gateway subnet policy with `peer` added to its rule. */
function controllerPolicyWithPeer(peer: object): Resource[] {
  const [policy] = controllerPolicy('10.240.5.0/24');
  const body = JSON.parse(JSON.stringify(policy.body));
  body.spec.ingress[0].from.push(peer);
  return [{ ...policy, body }];
}

/** Returns the resources with the traefik Deployment changed by `edit`. */
function withControllerDeployment(
  resources: Resource[],
  edit: (podSpec: any) => void,
): Resource[] {
  return resources.map(resource => {
    if (
      resource.kind !== 'kubernetes' ||
      resource.objectKind !== 'Deployment' ||
      resource.name !== 'traefik-ingress-controller'
    ) {
      return resource;
    }
    const body = JSON.parse(JSON.stringify(resource.body));
    edit(body.spec.template.spec);
    return { ...resource, body };
  });
}

function resultFor(resources: Resource[], scope = {}) {
  return runCheck(controllerIngressFromAppGw, {
    resources,
    scope: { namespace: 'a0008', ...scope },
  });
}

describe('pod.k8s.controller-ingress-from-appgw', () => {
  it('passes a NetworkPolicy that admits only the App Gateway subnet', () => {
    const result = resultFor([...AB, ...controllerPolicy('10.240.5.0/24')], {
      gatewaySubnetPrefix: '10.240.5.0/24',
    });

    expect(result.verdict).toBe('pass');
  });

  it('fails a controller on the host network', () => {
    const resources = withControllerDeployment(
      [...AB, ...controllerPolicy('10.240.5.0/24')],
      podSpec => {
        podSpec.hostNetwork = true;
      },
    );

    const result = resultFor(resources, {
      gatewaySubnetPrefix: '10.240.5.0/24',
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.template.spec.hostNetwork');
    expect(result.evidence[0].observed).toBe(true);
  });

  it('fails a controller with a hostPort', () => {
    const resources = withControllerDeployment(
      [...AB, ...controllerPolicy('10.240.5.0/24')],
      podSpec => {
        podSpec.containers[0].ports[1].hostPort = 8443;
      },
    );

    const result = resultFor(resources, {
      gatewaySubnetPrefix: '10.240.5.0/24',
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe(
      'spec.template.spec.containers[0].ports[1].hostPort',
    );
    expect(result.evidence[0].observed).toBe(8443);
  });

  it('passes hostNetwork false and hostPort 0', () => {
    const resources = withControllerDeployment(
      [...AB, ...controllerPolicy('10.240.5.0/24')],
      podSpec => {
        podSpec.hostNetwork = false;
        podSpec.containers[0].ports[1].hostPort = 0;
      },
    );

    const result = resultFor(resources, {
      gatewaySubnetPrefix: '10.240.5.0/24',
    });

    expect(result.verdict).toBe('pass');
  });

  describe('with a pod selector peer next to the subnet', () => {
    const SUBNET = { gatewaySubnetPrefix: '10.240.5.0/24' };

    it.each([
      ['namespaceSelector {}', { namespaceSelector: {} }],
      [
        'namespaceSelector {} with a podSelector',
        {
          namespaceSelector: {},
          podSelector: { matchLabels: { app: 'prometheus' } },
        },
      ],
      [
        'metadata.name Exists',
        {
          namespaceSelector: {
            matchExpressions: [
              { key: 'kubernetes.io/metadata.name', operator: 'Exists' },
            ],
          },
        },
      ],
      [
        'metadata.name NotIn',
        {
          namespaceSelector: {
            matchExpressions: [
              {
                key: 'kubernetes.io/metadata.name',
                operator: 'NotIn',
                values: ['kube-system'],
              },
            ],
          },
          podSelector: { matchLabels: { app: 'prometheus' } },
        },
      ],
    ])('fails a peer with %s', (_name, peer) => {
      const result = resultFor(
        [...AB_WITHOUT_ALLOW_LIST, ...controllerPolicyWithPeer(peer)],
        SUBNET,
      );

      expect(result.verdict).toBe('fail');
      expect(result.evidence[0].path).toBe('spec.ingress[0].from[1]');
      expect(result.evidence[0].observed).toEqual(peer);
    });

    it('warns when only an allow-list restricts the namespaces', () => {
      const result = resultFor(
        [...AB, ...controllerPolicyWithPeer({ namespaceSelector: {} })],
        SUBNET,
      );

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('allow-list-only');
    });

    it('passes a peer naming one namespace', () => {
      const peer = {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
        },
        podSelector: { matchLabels: { app: 'prometheus' } },
      };

      const result = resultFor(
        [...AB, ...controllerPolicyWithPeer(peer)],
        SUBNET,
      );

      expect(result.verdict).toBe('pass');
      expect(result.message).toContain('and selected pods');
    });
  });

  it('reads the App Gateway subnet from the gateway and its subnet', () => {
    const subnetId = `${NETWORK_RG}/virtualNetworks/vnet-spoke/subnets/snet-applicationgateway`;
    const gateway = arm({
      id: `${NETWORK_RG}/applicationGateways/apw-aks`,
      name: 'apw-aks',
      type: 'Microsoft.Network/applicationGateways',
      properties: {
        sku: { name: 'WAF_v2', tier: 'WAF_v2' },
        gatewayIPConfigurations: [
          {
            name: 'apw-ip-configuration',
            properties: { subnet: { id: subnetId } },
          },
        ],
      },
    });
    const subnet = arm({
      id: subnetId,
      name: 'snet-applicationgateway',
      type: 'Microsoft.Network/virtualNetworks/subnets',
      properties: { addressPrefix: '10.240.5.0/24' },
    });

    const result = resultFor([
      ...AB,
      ...controllerPolicy('10.240.5.0/24'),
      gateway,
      subnet,
    ]);

    expect(result.verdict).toBe('pass');
  });

  it('ignores namespace-less policies for other namespaces', () => {
    // networkpolicy-denyall.yaml has no metadata.namespace, and the NGINX
    // controller of deployment.yaml runs in ingress-nginx.
    const resources = [
      'akv-tls-provider.yaml',
      'deployment.yaml',
      'ingress.yaml',
      'networkpolicy-denyall.yaml',
      'networkpolicy.yaml',
    ].flatMap(file => fixture(`aks-baseline-regulated/${file}`));

    const result = runCheck(controllerIngressFromAppGw, { resources });

    expect(result.verdict).toBe('warn');
    expect(result.message).not.toContain('admits only the App Gateway subnet');
  });

  it('warns on aks-baseline, where only the Traefik middleware restricts sources', () => {
    const result = resultFor(AB, { gatewaySubnetPrefix: '10.240.5.0/24' });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('allow-list-only');
    expect(
      result.evidence.some(item =>
        item.path?.includes('http.middlewares.app-gateway-snet'),
      ),
    ).toBe(true);
  });

  it('warns on aks-baseline without the subnet and says the ranges were not compared', () => {
    const result = resultFor(AB);

    expect(result.verdict).toBe('warn');
    expect(
      result.evidence.some(item => item.note?.includes('not compared')),
    ).toBe(true);
  });

  it('warns on load balancer source ranges alone', () => {
    const [service] = fixture('aks-baseline/traefik.yaml').filter(
      resource =>
        resource.kind === 'kubernetes' && resource.objectKind === 'Service',
    );
    const restricted = {
      ...service,
      body: {
        ...service.body,
        spec: {
          ...(service.body as any).spec,
          loadBalancerSourceRanges: ['10.240.5.0/24'],
        },
      },
    };
    const others = AB_WITHOUT_ALLOW_LIST.filter(
      resource =>
        resource !== service &&
        !(
          resource.kind === 'kubernetes' &&
          resource.name === 'traefik-ingress-service'
        ),
    );

    const result = resultFor([...others, restricted], {
      gatewaySubnetPrefix: '10.240.5.0/24',
    });

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain('only by load balancer source ranges');
  });

  it('fails when nothing restricts the controller', () => {
    const result = resultFor(AB_WITHOUT_ALLOW_LIST, {
      gatewaySubnetPrefix: '10.240.5.0/24',
    });

    expect(result.verdict).toBe('fail');
  });

  it('fails a NetworkPolicy admitting a range outside the App Gateway subnet', () => {
    const result = resultFor(
      [...AB_WITHOUT_ALLOW_LIST, ...controllerPolicy('10.0.0.0/8')],
      {
        gatewaySubnetPrefix: '10.240.5.0/24',
      },
    );

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual([
      'allow-appgw-to-traefik.ingress[0]',
    ]);
  });

  it('fails a /0 ipBlock with exceptions without the subnet', () => {
    const result = resultFor([
      ...AB_WITHOUT_ALLOW_LIST,
      ...controllerPolicy('0.0.0.0/0\n        except: [10.0.0.0/8]'),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual([
      'allow-appgw-to-traefik.ingress[0]',
    ]);
  });

  it('is unknown for ipBlocks without the subnet', () => {
    const result = resultFor([...AB, ...controllerPolicy('10.240.5.0/24')]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-gateway-subnet');
  });

  it('is unknown when the controller Deployment was not read', () => {
    const result = resultFor([
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
      ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is unknown when the namespace was not read', () => {
    expect(
      runCheck(controllerIngressFromAppGw, { scope: { namespace: 'a0008' } })
        .verdict,
    ).toBe('unknown');
  });

  it('is not applicable behind the Application Gateway Ingress Controller', () => {
    const ingress = kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: aspnetapp
  namespace: a0008
spec:
  ingressClassName: azure-application-gateway
  defaultBackend:
    service:
      name: aspnetapp-service
      port:
        number: 80
`);

    expect(
      resultFor([...fixture('aks-baseline/01-aspnetapp.yaml'), ...ingress])
        .verdict,
    ).toBe('not-applicable');
  });

  it('warns on aks-baseline-regulated, where the NGINX ConfigMap restricts sources', () => {
    const result = runCheck(controllerIngressFromAppGw, {
      resources: [
        ...fixture('aks-baseline-regulated/deployment.yaml'),
        ...fixture('aks-baseline-regulated/ingress.yaml'),
        ...fixture('aks-baseline-regulated/networkpolicy.yaml'),
        ...fixture('aks-baseline-regulated/networkpolicy-denyall.yaml'),
      ],
      scope: { namespace: 'a0005-i', gatewaySubnetPrefix: '10.240.5.0/24' },
    });

    expect(result.verdict).toBe('warn');
    expect(
      result.evidence.some(
        item => item.path === 'data["whitelist-source-range"]',
      ),
    ).toBe(true);
    expect(
      result.evidence.some(
        item =>
          item.note?.includes('ingress-nginx were not read') ||
          item.note?.includes('controller namespace ingress-nginx'),
      ),
    ).toBe(true);
  });

  it('notes a controller Service without externalTrafficPolicy Local', () => {
    const resources = AB.map(resource =>
      resource.kind === 'kubernetes' &&
      resource.name === 'traefik-ingress-service'
        ? {
            ...resource,
            body: {
              ...resource.body,
              spec: {
                ...(resource.body as any).spec,
                externalTrafficPolicy: 'Cluster',
              },
            },
          }
        : resource,
    );

    const result = resultFor(resources, {
      gatewaySubnetPrefix: '10.240.5.0/24',
    });

    expect(result.verdict).toBe('warn');
    const note = result.evidence.find(
      item => item.path === 'spec.externalTrafficPolicy',
    );
    expect(note?.observed).toBe('Cluster');
  });
});
