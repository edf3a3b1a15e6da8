import { arm } from '../../../__testUtils__/resourceSets';
import {
  gateway,
  GATEWAY_ID,
  gatewayWith,
  runCheck,
  SUBSCRIPTION,
  vault,
  VAULT_ID,
} from '../__testUtils__/gatewayBodies';
import { keyVaultNetworkRestricted } from './keyVaultNetworkRestricted';

function verdictOf(change: (properties: any) => void) {
  return runCheck(keyVaultNetworkRestricted, [vault(change)]);
}

describe('ingress.keyvault.network-restricted', () => {
  it('passes default deny with an approved private endpoint', () => {
    expect(verdictOf(() => {}).verdict).toBe('pass');
  });

  it('passes disabled public access', () => {
    const result = verdictOf(properties => {
      properties.publicNetworkAccess = 'Disabled';
      delete properties.networkAcls;
    });

    expect(result.verdict).toBe('pass');
  });

  it('is unknown behind a network security perimeter', () => {
    const result = verdictOf(properties => {
      properties.publicNetworkAccess = 'SecuredByPerimeter';
      delete properties.networkAcls;
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('network-security-perimeter');
  });

  it('fails without network rules', () => {
    const result = verdictOf(properties => {
      delete properties.networkAcls;
    });

    expect(result.verdict).toBe('fail');
  });

  it('fails a default Allow action', () => {
    expect(
      verdictOf(properties => {
        properties.networkAcls.defaultAction = 'Allow';
      }).verdict,
    ).toBe('fail');
  });

  it('warns without an approved private endpoint', () => {
    const result = verdictOf(properties => {
      properties.privateEndpointConnections[0].properties.privateLinkServiceConnectionState.status =
        'Pending';
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('no-private-endpoint');
  });

  it('warns on an IP rule for every address', () => {
    const result = verdictOf(properties => {
      properties.networkAcls.ipRules = [{ value: '0.0.0.0/0' }];
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('open-ip-rule');
  });

  function endpointToVault(
    serviceId = "[resourceId('Microsoft.KeyVault/vaults', 'kv-aks-bu0001a0008')]",
  ) {
    return arm({
      id: `${SUBSCRIPTION}/providers/Microsoft.Network/privateEndpoints/pe-kv-aks-bu0001a0008`,
      name: 'pe-kv-aks-bu0001a0008',
      type: 'Microsoft.Network/privateEndpoints',
      properties: {
        subnet: {
          id: `${SUBSCRIPTION}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-privatelinkendpoints`,
        },
        privateLinkServiceConnections: [
          {
            name: 'to-vault',
            properties: {
              privateLinkServiceId: serviceId,
              groupIds: ['vault'],
            },
          },
        ],
      },
    });
  }

  const TEMPLATE_ORIGIN = {
    source: 'workspace',
    location: 'azuredeploy.json',
    apiVersion: '2023-07-01',
    format: 'arm-template' as const,
  };

  it('accepts a private endpoint from the same template', () => {
    const template = vault(properties => {
      delete properties.privateEndpointConnections;
    });
    template.origin = TEMPLATE_ORIGIN;
    const endpoint = { ...endpointToVault(), origin: TEMPLATE_ORIGIN };

    expect(
      runCheck(keyVaultNetworkRestricted, [template, endpoint]).verdict,
    ).toBe('pass');
  });

  it('does not count a read private endpoint without a connection state', () => {
    const read = vault(properties => {
      delete properties.privateEndpointConnections;
    });

    const result = runCheck(keyVaultNetworkRestricted, [
      read,
      endpointToVault(VAULT_ID),
    ]);

    expect(result.verdict).toBe('warn');
  });

  it('is unknown when the gateway vault could not be read', () => {
    const result = runCheck(
      keyVaultNetworkRestricted,
      [gateway(gatewayWith(() => {}))],
      {
        failures: [
          {
            target: VAULT_ID,
            reason: 'forbidden',
            message: 'The identity lacks Reader on the vault.',
          },
        ],
      },
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  // The vault in the set may not be the one the gateway's certificates use,
  // so judging it alone could pass a vault that is not in use.
  it.each([
    {
      name: 'the named gateway was not read',
      scope: { gatewayId: GATEWAY_ID },
      failures: [],
      reason: 'unresolved-reference',
    },
    {
      name: 'the named gateway read failed',
      scope: { gatewayId: GATEWAY_ID },
      failures: [
        {
          target: GATEWAY_ID,
          reason: 'forbidden' as const,
          message: 'The identity lacks Reader on the gateway.',
        },
      ],
      reason: 'forbidden',
    },
    {
      name: 'an unnamed gateway read failed',
      scope: {},
      failures: [
        {
          target: GATEWAY_ID,
          reason: 'forbidden' as const,
          message: 'The identity lacks Reader on the gateway.',
        },
      ],
      reason: 'forbidden',
    },
  ])('is unknown when $name', ({ scope, failures, reason }) => {
    const result = runCheck(keyVaultNetworkRestricted, [vault()], {
      scope,
      failures,
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe(reason);
    expect(result.message).toContain('Application Gateway');
  });

  it('is unknown when only another gateway was read', () => {
    const other = gateway(gatewayWith(() => {}));
    const result = runCheck(keyVaultNetworkRestricted, [other, vault()], {
      scope: {
        gatewayId: `${SUBSCRIPTION}/providers/Microsoft.Network/applicationGateways/agw-other`,
      },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain('agw-other');
  });

  it('is unknown when no listener serves the host names', () => {
    const result = runCheck(
      keyVaultNetworkRestricted,
      [gateway(gatewayWith(() => {})), vault()],
      { scope: { gatewayId: GATEWAY_ID, hostNames: ['other.contoso.com'] } },
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('no-matching-listener');
  });

  it('judges the vaults in the set when there is no gateway', () => {
    const result = runCheck(keyVaultNetworkRestricted, [vault()]);

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('kv-aks-bu0001a0008');
  });
});
