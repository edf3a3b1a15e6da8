import { evaluate } from '../../../evaluator/evaluate';
import {
  arm,
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { Resource } from '../../../types';
import { managedIngressAddons } from './managedIngressAddons';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1';
const GATEWAY_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw-1';

function cluster(properties: Record<string, unknown>) {
  return arm({
    id: CLUSTER_ID,
    name: 'aks-1',
    type: 'Microsoft.ContainerService/managedClusters',
    properties: properties as any,
  });
}

function resultFor(resources: Resource[]) {
  return evaluate(resourceSet({ resources }), {
    checks: [managedIngressAddons],
  }).checks[0];
}

function nginxController(name: string, internal?: string) {
  const annotations =
    internal === undefined
      ? ''
      : `
  loadBalancerAnnotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "${internal}"`;
  return kubernetes(`
apiVersion: approuting.kubernetes.azure.com/v1alpha1
kind: NginxIngressController
metadata:
  name: ${name}
spec:
  ingressClassName: ${name}.approuting
  controllerNamePrefix: nginx-${name}${annotations}
`);
}

describe('ingress.aks.managed-ingress-addons', () => {
  it('is unknown for add-on profiles that are not an object', () => {
    const result = resultFor([
      cluster({ addonProfiles: ['ingressApplicationGateway'] }),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
  });

  it('passes the aks-baseline settings, with every add-on off', () => {
    const result = resultFor([
      cluster({
        addonProfiles: {
          ingressApplicationGateway: { enabled: false },
          httpApplicationRouting: { enabled: false },
        },
        ingressProfile: { webAppRouting: { enabled: false } },
      }),
    ]);
    expect(result.verdict).toBe('pass');
  });

  it('fails when HTTP application routing is on, whatever the key case', () => {
    const result = resultFor([
      cluster({ addonProfiles: { httpapplicationrouting: { enabled: true } } }),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['httpApplicationRouting']);
  });

  it('warns when AGIC is on and names the gateway it manages', () => {
    const result = resultFor([
      cluster({
        addonProfiles: {
          ingressApplicationGateway: {
            enabled: true,
            config: {
              applicationGatewayName: 'agw-1',
              effectiveApplicationGatewayId: GATEWAY_ID,
            },
          },
        },
      }),
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('agic-enabled');
    expect(result.message).toContain(GATEWAY_ID);
    expect(
      result.evidence.find(item =>
        item.path?.endsWith('effectiveApplicationGatewayId'),
      )?.observed,
    ).toBe(GATEWAY_ID);
  });

  it('warns when application routing has an external default controller', () => {
    const result = resultFor([
      cluster({
        ingressProfile: {
          webAppRouting: {
            enabled: true,
            nginx: { defaultIngressControllerType: 'External' },
          },
        },
      }),
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('public-app-routing');
  });

  it('warns when application routing is on without a controller type', () => {
    expect(
      resultFor([
        cluster({ ingressProfile: { webAppRouting: { enabled: true } } }),
      ]).verdict,
    ).toBe('warn');
  });

  it.each(['Internal', 'None', 'internal'])(
    'passes application routing with default type %s',
    type => {
      const result = resultFor([
        cluster({
          ingressProfile: {
            webAppRouting: {
              enabled: true,
              nginx: { defaultIngressControllerType: type },
            },
          },
        }),
      ]);
      expect(result.verdict).toBe('pass');
    },
  );

  it('passes AnnotationControlled when every NginxIngressController is internal', () => {
    const result = resultFor([
      cluster({
        ingressProfile: {
          webAppRouting: {
            enabled: true,
            nginx: { defaultIngressControllerType: 'AnnotationControlled' },
          },
        },
      }),
      ...nginxController('default', 'true'),
      ...nginxController('private', 'true'),
    ]);
    expect(result.verdict).toBe('pass');
  });

  it.each([
    ['External', { defaultIngressControllerType: 'External' }],
    ['no controller type', {}],
  ])(
    'warns on %s though every NginxIngressController read is internal',
    (_case, nginx) => {
      const result = resultFor([
        cluster({
          ingressProfile: { webAppRouting: { enabled: true, nginx } },
        }),
        ...nginxController('private', 'true'),
      ]);

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('public-app-routing');
    },
  );

  it('warns when one NginxIngressController is not internal', () => {
    const result = resultFor([
      cluster({
        ingressProfile: {
          webAppRouting: {
            enabled: true,
            nginx: { defaultIngressControllerType: 'AnnotationControlled' },
          },
        },
      }),
      ...nginxController('default', 'true'),
      ...nginxController('public'),
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.evidence.map(item => item.resource)).toContain(
      'NginxIngressController/public',
    );
    expect(result.evidence.map(item => item.resource)).not.toContain(
      'NginxIngressController/default',
    );
  });

  it('fails over warns and lists both add-ons', () => {
    const result = resultFor([
      cluster({
        addonProfiles: {
          httpApplicationRouting: { enabled: true },
          ingressApplicationGateway: { enabled: true, config: {} },
        },
      }),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('httpApplicationRouting');
    expect(result.message).toContain('ingressApplicationGateway');
  });

  it.each([
    [
      'httpApplicationRouting',
      { addonProfiles: { httpApplicationRouting: { enabled: 'yes' } } },
      'properties.addonProfiles.httpApplicationRouting.enabled',
    ],
    [
      'ingressApplicationGateway',
      { addonProfiles: { ingressApplicationGateway: { enabled: 'yes' } } },
      'properties.addonProfiles.ingressApplicationGateway.enabled',
    ],
    [
      'webAppRouting',
      { ingressProfile: { webAppRouting: { enabled: 'yes' } } },
      'properties.ingressProfile.webAppRouting.enabled',
    ],
  ])('is unknown for %s enabled "yes"', (element, properties, path) => {
    const result = resultFor([cluster(properties)]);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.message).toContain('"yes"');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ path, observed: 'yes', elements: [element] }),
    );
  });

  it('is unknown for a numeric enabled value', () => {
    const result = resultFor([
      cluster({ addonProfiles: { httpApplicationRouting: { enabled: 2 } } }),
    ]);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
  });

  it('reads an absent enabled or add-on as off', () => {
    const result = resultFor([
      cluster({
        addonProfiles: {
          httpApplicationRouting: { config: null },
          ingressApplicationGateway: { enabled: null },
        },
        ingressProfile: {},
      }),
    ]);
    expect(result.verdict).toBe('pass');
    expect(resultFor([cluster({})]).verdict).toBe('pass');
  });

  it('fails over an unrecognised enabled value', () => {
    const result = resultFor([
      cluster({
        addonProfiles: {
          httpApplicationRouting: { enabled: true },
          ingressApplicationGateway: { enabled: 'yes' },
        },
      }),
    ]);
    expect(result.verdict).toBe('fail');
  });

  it('is unknown when the cluster was not read', () => {
    const result = resultFor([]);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it.each([
    'ManagedClustersGet.json',
    'ManagedClustersCreate_AzureKeyvaultSecretsProvider.json',
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
  ])('passes %s, which enables no ingress add-on', file => {
    expect(resultFor(fixture(`arm-specs-aks-2025-10-01/${file}`)).verdict).toBe(
      'pass',
    );
  });
});
