import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  MockFetchApi,
  TestApiProvider,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { aksTrafficSecurityApiRef, AksTrafficSecurityClient } from '../../api';
import {
  assessmentResponse,
  passWithoutChecksResponse,
  passingChecks,
  withCheck,
} from '../../__testUtils__/assessments';
import { EntityTrafficSecurityContent } from './EntityTrafficSecurityContent';

const ASSESSMENT_URL =
  'http://localhost:7007/api/aks-traffic-security/entities/component/default/shipping-api/assessment';
const REFRESH_URL =
  'http://localhost:7007/api/aks-traffic-security/entities/component/default/shipping-api/refresh';
const HISTORY_URL =
  'http://localhost:7007/api/aks-traffic-security/entities/:kind/:namespace/:name/history';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shipping-api',
    namespace: 'default',
    annotations: {
      'aks-traffic-security.io/cluster-id':
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.ContainerService/managedClusters/aks-shipping',
      'aks-traffic-security.io/gateway-id':
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.Network/applicationGateways/agw-shipping',
      'aks-traffic-security.io/host-names': 'shipping.contoso.com',
      'backstage.io/kubernetes-namespace': 'shipping',
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/logistics',
    lifecycle: 'production',
  },
};

// Material Table renders slowly in jsdom, more so on a busy machine.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

// The history card loads on its own, so every test that reaches the
// assessment view needs a history response.
beforeEach(() => {
  server.use(
    http.get(HISTORY_URL, () =>
      HttpResponse.json({
        entityRef: 'component:default/shipping-api',
        items: [],
        total: 0,
        limit: 10,
        offset: 0,
      }),
    ),
  );
});

function renderContent(
  options: {
    entity?: Entity;
    authorize?: (
      request: EvaluatePermissionRequest,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://localhost:7007' });
  const client = new AksTrafficSecurityClient({
    discoveryApi,
    fetchApi: new MockFetchApi(),
  });

  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aksTrafficSecurityApiRef, client],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.authorize ?? AuthorizeResult.ALLOW,
          }),
        ],
      ]}
    >
      <EntityProvider entity={options.entity ?? entity}>
        <EntityTrafficSecurityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

function flowRegion(name: string) {
  return screen.getByRole('region', { name: `${name} flow` });
}

describe('EntityTrafficSecurityContent', () => {
  it('shows progress while loading', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(ASSESSMENT_URL, async () => {
        await released;
        return HttpResponse.json(assessmentResponse(passingChecks()));
      }),
    );

    await renderContent();

    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the traffic security assessment',
      }),
    ).toBeInTheDocument();
    release();
    expect(
      await screen.findByRole('region', { name: 'Ingress flow' }),
    ).toBeInTheDocument();
  });

  it('shows the message of a JSON error', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                "Invalid annotation 'aks-traffic-security.io/cluster-id' value 'aks-shipping'; expected the ARM id of a Microsoft.ContainerService/managedClusters",
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    await renderContent();

    expect(
      await screen.findByText(
        "Error: Could not load the traffic security assessment: Invalid annotation 'aks-traffic-security.io/cluster-id' value 'aks-shipping'; expected the ARM id of a Microsoft.ContainerService/managedClusters",
      ),
    ).toBeInTheDocument();
  });

  it('shows a non-JSON error readably', async () => {
    server.use(
      http.get(
        ASSESSMENT_URL,
        () =>
          new HttpResponse('<html><body>502 Bad Gateway</body></html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    );

    await renderContent();

    expect(
      await screen.findByText(
        'Error: Could not load the traffic security assessment: Request failed with status 502 Bad Gateway, <html><body>502 Bad Gateway</body></html>',
      ),
    ).toBeInTheDocument();
  });

  it('names the missing annotations', async () => {
    let requests = 0;
    server.use(
      http.get(ASSESSMENT_URL, () => {
        requests += 1;
        return HttpResponse.json(assessmentResponse(passingChecks()));
      }),
    );
    const annotations = { ...entity.metadata.annotations };
    delete annotations['aks-traffic-security.io/gateway-id'];
    annotations['aks-traffic-security.io/cluster-id'] = ' ';

    await renderContent({
      entity: { ...entity, metadata: { ...entity.metadata, annotations } },
    });

    expect(
      await screen.findByText(/Missing Annotations?/i),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/aks-traffic-security\.io\/cluster-id/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getAllByText(/aks-traffic-security\.io\/gateway-id/).length,
    ).toBeGreaterThan(0);
    expect(requests).toBe(0);
  });

  it('explains that no assessment exists yet', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: "No assessment for 'component:default/shipping-api' yet",
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    await renderContent();

    expect(await screen.findByText('No assessment yet')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Refresh assessment' }),
    ).toBeInTheDocument();
  });

  it('never shows a flow with an unknown check as secure', async () => {
    const checks = withCheck(
      passingChecks(),
      'egress.routetable.default-route-to-firewall',
      {
        verdict: 'unknown',
        reason: 'read-failed',
        message:
          'The route table could not be read: the client does not have authorization to perform action Microsoft.Network/routeTables/read.',
        evidence: [
          {
            resource:
              '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.Network/routeTables/rt-aks-nodes',
            note: 'forbidden',
          },
        ],
      },
    );
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(checks)),
      ),
    );

    await renderContent();

    const egress = await screen.findByRole('region', { name: 'Egress flow' });
    expect(within(egress).getByText('Unknown')).toBeInTheDocument();
    expect(within(egress).queryByText('Pass')).not.toBeInTheDocument();
    expect(within(egress).queryByTestId('status-ok')).not.toBeInTheDocument();
    expect(within(egress).getByTestId('status-pending')).toBeInTheDocument();
    expect(within(egress).getByText('1 unknown, 1 pass')).toBeInTheDocument();
    expect(within(flowRegion('Ingress')).getByText('Pass')).toBeInTheDocument();
    expect(screen.getByText('Not fully evaluated: Egress')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Not fully evaluated' }),
    ).toBeInTheDocument();
  });

  it('shows every flow as passing', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(passingChecks())),
      ),
    );

    await renderContent();

    await screen.findByRole('region', { name: 'Ingress flow' });
    for (const name of ['Ingress', 'Egress', 'Pod-to-pod', 'Management']) {
      expect(within(flowRegion(name)).getByText('Pass')).toBeInTheDocument();
      expect(within(flowRegion(name)).getByText('2 pass')).toBeInTheDocument();
    }
    expect(
      screen.getByRole('heading', { name: 'Secure: every check passed' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not fully evaluated/)).not.toBeInTheDocument();
    expect(screen.getByText('Checks (8 of 8)')).toBeInTheDocument();
    expect(
      screen.getByTitle(new Date('2026-03-02T08:30:00.000Z').toLocaleString()),
    ).toHaveAttribute('dateTime', '2026-03-02T08:30:00.000Z');
  });

  it('shows an assessment without checks as unknown', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(passWithoutChecksResponse()),
      ),
    );

    await renderContent();

    await screen.findByRole('region', { name: 'Ingress flow' });
    for (const name of ['Ingress', 'Egress', 'Pod-to-pod', 'Management']) {
      expect(within(flowRegion(name)).getByText('Unknown')).toBeInTheDocument();
      expect(within(flowRegion(name)).queryByText('Pass')).toBeNull();
    }
    expect(
      screen.getByRole('heading', { name: 'Not fully evaluated' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Secure: every check passed')).toBeNull();
  });

  it('shows an unrecognised check verdict as unknown', async () => {
    const body = JSON.parse(
      JSON.stringify(assessmentResponse(passingChecks())),
    );
    body.assessment.checks[0].verdict = 'error';
    server.use(http.get(ASSESSMENT_URL, () => HttpResponse.json(body)));

    await renderContent();

    const ingress = await screen.findByRole('region', { name: 'Ingress flow' });
    expect(within(ingress).getByText('Unknown')).toBeInTheDocument();
    expect(within(ingress).getByText('1 unknown, 1 pass')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Not fully evaluated' }),
    ).toBeInTheDocument();
  });

  it('names the invalid field of an empty body', async () => {
    server.use(http.get(ASSESSMENT_URL, () => HttpResponse.json({})));

    await renderContent();

    expect(
      await screen.findByText(
        /^Error: Could not load the traffic security assessment: Invalid response from the backend to \/api\/aks-traffic-security\/entities\/component\/default\/shipping-api\/assessment: entityRef: Invalid input: expected string, received undefined; assessment: Invalid input: expected object, received undefined/,
      ),
    ).toBeInTheDocument();
  });

  it('expands a check to its evidence and fix', async () => {
    const checks = withCheck(passingChecks(), 'ingress.appgw.min-tls-version', {
      verdict: 'fail',
      message:
        'Listener listener-https uses TLS policy AppGwSslPolicy20150501, which allows TLS 1.0.',
      evidence: [
        {
          resource:
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.Network/applicationGateways/agw-shipping',
          path: 'properties.sslPolicy.policyName',
          observed: 'AppGwSslPolicy20150501',
          expected: 'a policy with minimum TLSv1_2',
          elements: ['listener-https', 'listener-legacy'],
        },
      ],
    });
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(checks)),
      ),
    );
    await renderContent();
    const toggle = await screen.findByRole('button', {
      name: 'Show details of ingress.appgw.min-tls-version',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // Material Table's own toggle is hidden, so each row has one chevron.
    expect(
      screen.queryByRole('button', { name: 'Detail panel visiblity toggle' }),
    ).not.toBeInTheDocument();

    await userEvent.click(toggle);

    const details = await screen.findByRole('region', {
      name: 'Details of ingress.appgw.min-tls-version',
    });
    expect(
      within(details).getByText('properties.sslPolicy.policyName'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('AppGwSslPolicy20150501'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('a policy with minimum TLSv1_2'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('listener-https, listener-legacy'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('AppGwSslPolicy20220101S', {
        selector: 'code',
      }),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: /Documentation/ }),
    ).toHaveAttribute(
      'href',
      'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
    );
    expect(
      screen.getByRole('button', {
        name: 'Hide details of ingress.appgw.min-tls-version',
      }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('filters the checks by flow and verdict', async () => {
    const checks = withCheck(
      passingChecks(),
      'mgmt.aks.local-accounts-disabled',
      {
        verdict: 'fail',
      },
    );
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(checks)),
      ),
    );
    await renderContent();
    await screen.findByText('Checks (8 of 8)');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Flow' }),
      'management',
    );

    expect(screen.getByText('Checks (2 of 8)')).toBeInTheDocument();
    expect(
      screen.getByText('mgmt.aks.local-accounts-disabled'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('ingress.appgw.min-tls-version'),
    ).not.toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Verdict' }),
      'fail',
    );

    expect(screen.getByText('Checks (1 of 8)')).toBeInTheDocument();
    expect(
      screen.queryByText('mgmt.aks.api-server-exposure'),
    ).not.toBeInTheDocument();
  });

  it('counts the checks that the search finds', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(passingChecks())),
      ),
    );
    await renderContent();
    await screen.findByText('Checks (8 of 8)');

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search checks' }),
      'LOCAL-ACCOUNTS',
    );

    expect(screen.getByText('Checks (1 of 8)')).toBeInTheDocument();
    expect(
      screen.getByText('mgmt.aks.local-accounts-disabled'),
    ).toBeInTheDocument();

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search checks' }),
      '-nothing',
    );

    expect(screen.getByText('Checks (0 of 8)')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No check matches the filter text "LOCAL-ACCOUNTS-nothing".',
      ),
    ).toBeInTheDocument();
  });

  it('hides the refresh button without permission', async () => {
    // usePermission caches decisions by permission and resource for the
    // whole test file, so this test reads an entity that no other test uses.
    const billing: Entity = {
      ...entity,
      metadata: { ...entity.metadata, name: 'billing-api' },
    };
    server.use(
      http.get(
        'http://localhost:7007/api/aks-traffic-security/entities/component/default/billing-api/assessment',
        () => HttpResponse.json(assessmentResponse(passingChecks())),
      ),
    );
    const authorize = jest.fn(
      (_request: EvaluatePermissionRequest): AuthorizeResult.DENY =>
        AuthorizeResult.DENY,
    );

    await renderContent({ entity: billing, authorize });

    await screen.findByRole('region', { name: 'Ingress flow' });
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'aks-traffic-security.assessment.refresh',
        }),
        resourceRef: 'component:default/billing-api',
      }),
    );
    expect(
      screen.queryByRole('button', { name: /refresh/i }),
    ).not.toBeInTheDocument();
  });

  it('refreshes the assessment on request', async () => {
    const before = withCheck(
      passingChecks(),
      'mgmt.aks.local-accounts-disabled',
      {
        verdict: 'fail',
      },
    );
    let refreshes = 0;
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(before)),
      ),
      http.post(REFRESH_URL, () => {
        refreshes += 1;
        return HttpResponse.json({
          ...assessmentResponse(passingChecks()),
          refreshedAt: '2026-03-02T09:00:00.000Z',
        });
      }),
    );
    await renderContent();
    expect(
      await screen.findByRole('heading', { name: 'Failing checks' }),
    ).toBeInTheDocument();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh assessment' }),
    );

    expect(
      await screen.findByRole('heading', {
        name: 'Secure: every check passed',
      }),
    ).toBeInTheDocument();
    expect(refreshes).toBe(1);
  });

  it('marks a stale assessment with its reason', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          assessmentResponse(passingChecks(), {
            stale: true,
            staleReason: 'Reading the managed cluster timed out after 30 s.',
          }),
        ),
      ),
    );

    await renderContent();

    expect(
      await screen.findByText(/Stale: the latest refresh failed/),
    ).toHaveTextContent(
      'Reason: Reading the managed cluster timed out after 30 s.',
    );
  });

  it('names the failed reads and the stale last complete assessment', async () => {
    const clusterRead = {
      target:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.ContainerService/managedClusters/aks-shipping',
      reason: 'throttled',
      message: 'Azure Resource Manager answered 429 four times.',
    };
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          assessmentResponse(
            withCheck(passingChecks(), 'mgmt.aks.api-server-exposure', {
              verdict: 'unknown',
              reason: 'throttled',
            }),
            {
              failedReads: [clusterRead],
              lastComplete: {
                evaluatedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
                verdict: 'fail',
                flows: {
                  ingress: 'fail',
                  egress: 'pass',
                  'pod-to-pod': 'pass',
                  management: 'pass',
                },
                counts: {
                  pass: 40,
                  warn: 0,
                  fail: 1,
                  unknown: 0,
                  'not-applicable': 0,
                },
                stale: true,
              },
            },
          ),
        ),
      ),
    );

    await renderContent();

    const notice = (
      await screen.findByText('1 read failed in the latest refresh')
    ).parentElement!;
    expect(notice).toHaveTextContent(
      'aks-shipping (throttled): Azure Resource Manager answered 429 four times.',
    );
    expect(notice).toHaveTextContent(
      'The last assessment with every read successful was made 3 hours ago and is now stale: overall fail (Ingress fail, Egress pass, Pod-to-pod pass, Management pass).',
    );
    expect(
      within(flowRegion('Management')).getByText('Unknown'),
    ).toBeInTheDocument();
  });

  it('says when no complete assessment is on record', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          assessmentResponse(passingChecks(), {
            failedReads: [
              {
                target: 'kubernetes:NetworkPolicy',
                reason: 'forbidden',
                message: 'The Kubernetes API answered 403.',
              },
              {
                target: 'kubernetes:Ingress',
                reason: 'forbidden',
                message: 'The Kubernetes API answered 403.',
              },
            ],
          }),
        ),
      ),
    );

    await renderContent();

    const notice = (
      await screen.findByText('2 reads failed in the latest refresh')
    ).parentElement!;
    expect(notice).toHaveTextContent(
      'kubernetes:NetworkPolicy (forbidden): The Kubernetes API answered 403.',
    );
    expect(notice).toHaveTextContent(
      'No assessment with every read successful is on record.',
    );
  });

  it('shows the ingress chain and history', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          assessmentResponse(
            withCheck(passingChecks(), 'ingress.appgw.min-tls-version', {
              verdict: 'fail',
            }),
          ),
        ),
      ),
    );

    await renderContent();

    expect(
      await screen.findByRole('listitem', {
        name: 'Application Gateway: fail',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Ingress chain')).toBeInTheDocument();
    expect(screen.getByText('History')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No assessments are recorded for this entity yet.',
      ),
    ).toBeInTheDocument();
  });
});
