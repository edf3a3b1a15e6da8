import { delay, HttpResponse } from 'msw';
import { evaluate } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { armError } from '../../__testUtils__/armMock';
import {
  checkOf,
  createAzureSource,
  demoAzureConfig,
  DEMO_TENANT,
  HUB_SUBSCRIPTION,
  readEntity,
  SPOKE_SUBSCRIPTION,
  useAzureMocks,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponent } from '../../__testUtils__/demoCatalog';

const SPOKE = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups`;
const HUB = `/subscriptions/${HUB_SUBSCRIPTION}/resourceGroups`;
const CLUSTER_ID = `${SPOKE}/rg-contoso-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod-01`;
const GATEWAY_ID = `${SPOKE}/rg-contoso-edge-prod/providers/Microsoft.Network/applicationGateways/agw-contoso-prod-01`;
const WAF_POLICY_ID = `${SPOKE}/rg-contoso-edge-prod/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-contoso-prod-01`;
const ROUTE_TABLE_ID = `${SPOKE}/rg-contoso-spoke-prod-westeurope/providers/Microsoft.Network/routeTables/rt-contoso-spoke-prod-to-hub-fw`;
const FIREWALL_ID = `${HUB}/rg-contoso-connectivity-westeurope/providers/Microsoft.Network/azureFirewalls/afw-contoso-hub-westeurope`;

/** Checks that read only the gateway, the cluster or the firewall. */
const GATEWAY_CHECK = 'ingress.appgw.min-tls-version';
const WAF_CHECK = 'ingress.waf.prevention-mode';
const CLUSTER_CHECK = 'mgmt.aks.local-accounts-disabled';
const ROUTE_CHECK = 'egress.routetable.default-route-to-firewall';
const FIREWALL_CHECK = 'egress.firewall.threat-intel';

const throttled = (retryAfterSeconds: string) =>
  armError(
    429,
    'TooManyRequests',
    'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, refer to - https://aka.ms/srpthrottlinglimits',
    { 'Retry-After': retryAfterSeconds },
  );

describe('AzureResourceSource faults', () => {
  const mocks = useAzureMocks();

  it('passes the demo service when every read succeeds', async () => {
    const { source } = createAzureSource();

    const assessment = evaluate(
      await readEntity(source, demoComponent('checkout-api')),
    );

    for (const checkId of [
      GATEWAY_CHECK,
      WAF_CHECK,
      CLUSTER_CHECK,
      ROUTE_CHECK,
      FIREWALL_CHECK,
    ]) {
      expect(`${checkId} ${checkOf(assessment, checkId).verdict}`).toBe(
        `${checkId} pass`,
      );
    }
  });

  it('waits the Retry-After, then retries', async () => {
    mocks.arm.override(GATEWAY_ID, attempt =>
      attempt === 1 ? throttled('1') : undefined,
    );
    const { source } = createAzureSource(demoAzureConfig({ retryDelayMs: 20 }));

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    const requests = mocks.arm.requestsFor(GATEWAY_ID);
    expect(requests).toHaveLength(2);
    expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(990);
    expect(resourceSet.failures).toEqual([]);
    expect(checkOf(evaluate(resourceSet), GATEWAY_CHECK).verdict).toBe('pass');
  });

  it('reports throttling when Retry-After passes the read timeout', async () => {
    mocks.arm.override(GATEWAY_ID, () => throttled('30'));
    const { source } = createAzureSource(
      demoAzureConfig({ readTimeoutMs: 2000 }),
    );

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(mocks.arm.requestsFor(GATEWAY_ID)).toHaveLength(1);
    expect(resourceSet.failures).toEqual([
      expect.objectContaining({ target: GATEWAY_ID, reason: 'throttled' }),
    ]);
    expect(checkOf(assessment, GATEWAY_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'throttled',
    });
    expect(checkOf(assessment, WAF_CHECK).verdict).toBe('unknown');
    expect(checkOf(assessment, CLUSTER_CHECK).verdict).toBe('pass');
    expect(checkOf(assessment, ROUTE_CHECK).verdict).toBe('pass');
  });

  it('reports a 403 AuthorizationFailed as forbidden', async () => {
    mocks.arm.override(CLUSTER_ID, () =>
      armError(
        403,
        'AuthorizationFailed',
        `The client '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f' with object id '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read' over scope '${CLUSTER_ID}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      ),
    );
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(mocks.arm.requestsFor(CLUSTER_ID)).toHaveLength(1);
    const failure = resourceSet.failures.find(
      item => item.target === CLUSTER_ID,
    );
    expect(failure?.reason).toBe('forbidden');
    expect(failure?.message).toContain('403 AuthorizationFailed');
    expect(checkOf(assessment, CLUSTER_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'forbidden',
    });
    expect(checkOf(assessment, ROUTE_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'forbidden',
    });
    expect(checkOf(assessment, GATEWAY_CHECK).verdict).toBe('pass');
    expect(checkOf(assessment, WAF_CHECK).verdict).toBe('pass');
  });

  it('reports a 404 ResourceNotFound as not found', async () => {
    mocks.arm.remove(WAF_POLICY_ID);
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(resourceSet.failures).toEqual([
      expect.objectContaining({
        target: WAF_POLICY_ID,
        reason: 'not-found',
        message: expect.stringContaining('404 ResourceNotFound'),
      }),
    ]);
    expect(checkOf(assessment, WAF_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'not-found',
    });
    expect(checkOf(assessment, GATEWAY_CHECK).verdict).toBe('pass');
    expect(checkOf(assessment, CLUSTER_CHECK).verdict).toBe('pass');
  });

  it('retries a 500 and succeeds', async () => {
    mocks.arm.override(WAF_POLICY_ID, attempt =>
      attempt <= 2
        ? armError(
            500,
            'InternalServerError',
            'An internal server error occurred.',
          )
        : undefined,
    );
    const { source } = createAzureSource(demoAzureConfig({ maxRetries: 2 }));

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(mocks.arm.requestsFor(WAF_POLICY_ID)).toHaveLength(3);
    expect(resourceSet.failures).toEqual([]);
    expect(checkOf(evaluate(resourceSet), WAF_CHECK).verdict).toBe('pass');
  });

  it('reports a lasting 503 as a server error after the retries', async () => {
    mocks.arm.override(WAF_POLICY_ID, () =>
      armError(
        503,
        'ServiceUnavailable',
        'The service is temporarily unavailable.',
      ),
    );
    const { source } = createAzureSource(demoAzureConfig({ maxRetries: 2 }));

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(mocks.arm.requestsFor(WAF_POLICY_ID)).toHaveLength(3);
    expect(resourceSet.failures).toEqual([
      expect.objectContaining({
        target: WAF_POLICY_ID,
        reason: 'server-error',
        message: expect.stringContaining('(after 2 retries)'),
      }),
    ]);
    expect(checkOf(assessment, WAF_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'server-error',
    });
    expect(checkOf(assessment, GATEWAY_CHECK).verdict).toBe('pass');
  });

  it('gives up a read that passes the read timeout', async () => {
    mocks.arm.override(ROUTE_TABLE_ID, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const { source } = createAzureSource(
      demoAzureConfig({ readTimeoutMs: 300 }),
    );

    const startedAt = Date.now();
    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(resourceSet.failures).toEqual([
      {
        target: ROUTE_TABLE_ID,
        reason: 'timeout',
        message: 'The read did not finish within the read timeout of 300 ms',
      },
    ]);
    expect(checkOf(assessment, ROUTE_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'timeout',
    });
    expect(checkOf(assessment, CLUSTER_CHECK).verdict).toBe('pass');
    expect(checkOf(assessment, GATEWAY_CHECK).verdict).toBe('pass');
  });

  it('reports a failing credential for its subscription only', async () => {
    const { source, logger } = createAzureSource(
      demoAzureConfig({
        subscriptions: [
          { id: SPOKE_SUBSCRIPTION },
          {
            id: HUB_SUBSCRIPTION,
            credential: {
              key: 'aksTrafficSecurity.azure.subscriptions[1].credential',
              type: 'clientSecret',
              tenantId: DEMO_TENANT,
              clientId: 'f5d0b7a2-3c1e-4e8b-9a6d-7c2b1e0f4a98',
              clientSecret: 'revoked-hub-secret-value',
            },
          },
        ],
      }),
    );

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    const failure = resourceSet.failures.find(item =>
      item.target.includes('/azureFirewalls/'),
    );
    expect(failure?.reason).toBe('credential-failed');
    expect(failure?.message).toContain(
      "The clientSecret credential in 'aksTrafficSecurity.azure.subscriptions[1].credential'",
    );
    expect(checkOf(assessment, FIREWALL_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'credential-failed',
    });
    expect(checkOf(assessment, GATEWAY_CHECK).verdict).toBe('pass');
    expect(checkOf(assessment, CLUSTER_CHECK).verdict).toBe('pass');

    const written = JSON.stringify([resourceSet, logger.warn.mock.calls]);
    expect(written).not.toContain('revoked-hub-secret-value');
    expect(written).not.toContain('access-token-');
    expect(mocks.arm.requestsFor(FIREWALL_ID)).toHaveLength(0);
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const slowly = async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await delay(50);
      inFlight -= 1;
      return undefined;
    };
    for (const id of [CLUSTER_ID, GATEWAY_ID, WAF_POLICY_ID, ROUTE_TABLE_ID]) {
      mocks.arm.override(id, slowly);
    }
    const { source } = createAzureSource(
      demoAzureConfig({ maxConcurrency: 1 }),
    );

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(resourceSet.failures).toEqual([]);
    expect(maxInFlight).toBe(1);
  });
});
