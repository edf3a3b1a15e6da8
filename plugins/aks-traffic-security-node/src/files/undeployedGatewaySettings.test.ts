import { createMockDirectory } from '@backstage/backend-test-utils';
import { findRepositoryProblems } from './findRepositoryProblems';
import { readResourceFiles } from './readResourceFiles';

const GATEWAY_ID =
  '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-edge/providers/Microsoft.Network/applicationGateways/agw-shared';

/** The collections that the template's Bicep merges into the live gateway. */
const DEPLOYED = [
  'sslCertificates',
  'trustedRootCertificates',
  'sslProfiles',
  'httpListeners',
  'backendAddressPools',
  'backendHttpSettingsCollection',
  'probes',
  'requestRoutingRules',
];

describe('findRepositoryProblems with deployedGatewayProperties', () => {
  const directory = createMockDirectory();

  /** Reads a gateway file and finds the problems with the given options. */
  async function problemsOf(
    gateway: object,
    options: { gatewayId?: string; deployed?: string[] } = {},
  ): Promise<string[]> {
    directory.setContent({
      'infra/appgw-service.json': JSON.stringify(gateway),
    });
    const read = await readResourceFiles(['infra'], {
      baseDir: directory.path,
      source: 'workspace',
    });
    return findRepositoryProblems({
      read,
      gatewayId: options.gatewayId ?? GATEWAY_ID,
      deployedGatewayProperties:
        'deployed' in options ? options.deployed : DEPLOYED,
    });
  }

  const gatewayFile = (properties: object, extra: object = {}) => ({
    id: GATEWAY_ID,
    name: 'agw-shared',
    type: 'Microsoft.Network/applicationGateways',
    ...extra,
    properties,
  });

  it('accepts the collections the deployment merges', async () => {
    const properties = Object.fromEntries(
      DEPLOYED.map(collection => [collection, []]),
    );

    await expect(problemsOf(gatewayFile(properties))).resolves.toEqual([]);
  });

  it('rejects a gateway-wide SSL policy', async () => {
    const problems = await problemsOf(
      gatewayFile({
        httpListeners: [],
        sslPolicy: {
          policyType: 'Predefined',
          policyName: 'AppGwSslPolicy20220101',
        },
      }),
    );

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /infra\/appgw-service\.json sets properties\.sslPolicy, which the deployment does not send, so the gateway keeps its live value\. Remove it/,
    );
  });

  it('rejects fields beside the collections', async () => {
    const problems = await problemsOf(
      gatewayFile(
        { probes: [] },
        { sku: { tier: 'WAF_v2' }, location: 'westeurope' },
      ),
    );

    // The gateway's sku belongs in its properties, where the reader moves it.
    expect(problems.map(problem => problem.split(',')[0])).toEqual([
      'infra/appgw-service.json sets location',
      'infra/appgw-service.json sets properties.sku',
    ]);
  });

  it('takes the whole file as deployed by default', async () => {
    const problems = await problemsOf(
      gatewayFile({ sslPolicy: { minProtocolVersion: 'TLSv1_0' } }),
      { deployed: undefined },
    );

    expect(problems).toEqual([]);
  });

  it('ignores a set without the gateway', async () => {
    const problems = await problemsOf(
      gatewayFile({ sslPolicy: { minProtocolVersion: 'TLSv1_0' } }),
      { gatewayId: `${GATEWAY_ID}-other` },
    );

    // The file is another gateway, which is a problem of its own.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("is not the service's gateway");
    expect(problems[0]).not.toContain('sslPolicy');
  });
});
