import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { TEMPLATE_DIRECTORY } from './__testUtils__/templateDryRun';
import { findInvalidTemplateInputs } from './gate/validateTemplateInputs';

const template = parse(
  fs.readFileSync(path.join(TEMPLATE_DIRECTORY, 'template.yaml'), 'utf8'),
);

/** Returns the form's pattern of a parameter, compiled the way JSON Schema validators do. */
function formPattern(field: string): RegExp {
  const steps: Array<{ properties?: Record<string, { pattern?: string }> }> =
    template.spec.parameters;
  const pattern = steps.find(step => step.properties?.[field])?.properties?.[
    field
  ].pattern;
  if (pattern === undefined) {
    throw new Error(`The template has no pattern for '${field}'`);
  }
  return new RegExp(pattern, 'u');
}

const SUBSCRIPTION = '6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90';
const GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bu0001a0008`;

const ID_FIELDS: Array<[string, string, string]> = [
  [
    'clusterId',
    'Microsoft.ContainerService/managedClusters',
    'aks-bu0001a0008-00',
  ],
  [
    'applicationGatewayId',
    'Microsoft.Network/applicationGateways',
    'apw-aks-bu0001a0008',
  ],
  [
    'wafPolicyId',
    'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    'waf-aks-bu0001a0008',
  ],
];

describe.each(ID_FIELDS)('the %s form pattern', (field, type, name) => {
  const canonical = `${GROUP}/providers/${type}/${name}`;
  const pattern = formPattern(field);

  it.each([
    ['the canonical case', canonical],
    [
      'resourcegroups in lower case',
      canonical.replace('resourceGroups', 'resourcegroups'),
    ],
    [
      'fixed segments in upper case',
      canonical
        .replace('subscriptions', 'SUBSCRIPTIONS')
        .replace('resourceGroups', 'RESOURCEGROUPS')
        .replace('providers', 'PROVIDERS'),
    ],
    [
      'the namespace and type in lower case',
      canonical.replace(type, type.toLowerCase()),
    ],
    ['an id in lower case throughout', canonical.toLowerCase()],
  ])('accepts %s, as the gate does', (_case, id) => {
    expect(pattern.test(id)).toBe(true);
    expect(findInvalidTemplateInputs({ [field]: id })).toEqual([]);
  });

  it.each([
    [
      'a subscription that is not a GUID',
      canonical.replace(SUBSCRIPTION, 'subid'),
    ],
    [
      'a missing resource group',
      canonical.replace('/resourceGroups/rg-bu0001a0008', ''),
    ],
    ['a resource group of ..', canonical.replace('rg-bu0001a0008', '..')],
    [
      'a resource group ending with a period',
      canonical.replace('rg-bu0001a0008', 'rg.'),
    ],
    [
      'another resource type',
      canonical.replace(type, 'Microsoft.Network/publicIPAddresses'),
    ],
    ['a child resource', `${canonical}/children/child`],
    ['a name of ..', canonical.replace(name, '..')],
    ['a name with a space', canonical.replace(name, 'name x')],
    ['a trailing slash', `${canonical}/`],
    ['a query string', `${canonical}?api-version=2024-05-01`],
    ['a URL', `https://management.azure.com${canonical}`],
  ])('rejects %s, as the gate does', (_case, id) => {
    expect(pattern.test(id)).toBe(false);
    expect(findInvalidTemplateInputs({ [field]: id })).toHaveLength(1);
  });
});

describe('the namespace form pattern', () => {
  const pattern = formPattern('namespace');
  const steps: Array<{ id: string; input: Record<string, any> }> =
    template.spec.steps;
  const controllerNamespace = steps.find(step => step.id === 'fetch')!.input
    .values.controllerNamespace;

  it('passes the controller namespace to the gate', () => {
    const verify = steps.find(step => step.id === 'verify')!;

    expect(controllerNamespace).toBe('traefik');
    expect(verify.input.controllerNamespace).toBe(controllerNamespace);
  });

  it.each([
    'kube-system',
    'kube-public',
    'kube-node-lease',
    'default',
    'aks-istio-system',
    'traefik',
    'app-routing-system',
    'gatekeeper-system',
    'calico-system',
    'tigera-operator',
  ])('rejects %s, as the gate does', namespace => {
    expect(pattern.test(namespace)).toBe(false);
    expect(
      findInvalidTemplateInputs({ namespace, controllerNamespace }),
    ).toHaveLength(1);
  });

  it.each(['orders', 'kube', 'default-orders', 'traefik-demo', 'istio'])(
    'accepts %s, as the gate does',
    namespace => {
      expect(pattern.test(namespace)).toBe(true);
      expect(
        findInvalidTemplateInputs({ namespace, controllerNamespace }),
      ).toEqual([]);
    },
  );
});
