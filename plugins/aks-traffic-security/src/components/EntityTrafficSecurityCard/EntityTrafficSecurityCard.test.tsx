import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockFetchApi,
  TestApiProvider,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { aksTrafficSecurityApiRef, AksTrafficSecurityClient } from '../../api';
import {
  assessmentResponse,
  passWithoutChecksResponse,
  passingChecks,
  withCheck,
} from '../../__testUtils__/assessments';
import { EntityTrafficSecurityCard } from './EntityTrafficSecurityCard';

jest.setTimeout(30_000);

const ASSESSMENT_URL =
  'http://localhost:7007/api/aks-traffic-security/entities/component/default/shipping-api/assessment';

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
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/logistics',
    lifecycle: 'production',
  },
};

const server = setupServer();
registerMswTestHooks(server);

function renderCard() {
  const client = new AksTrafficSecurityClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });

  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aksTrafficSecurityApiRef, client],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityTrafficSecurityCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityTrafficSecurityCard', () => {
  it('shows the four flows at a glance', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(passingChecks())),
      ),
    );

    await renderCard();

    const flows = await screen.findByRole('list', { name: 'Traffic flows' });
    const items = within(flows).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'IngressPass',
      'EgressPass',
      'Pod-to-podPass',
      'ManagementPass',
    ]);
    expect(screen.getByText('Overall: Pass')).toBeInTheDocument();
  });

  it('links to the traffic security tab', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(passingChecks())),
      ),
    );

    await renderCard();

    expect(
      await screen.findByRole('link', { name: /View traffic security/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/shipping-api/traffic-security',
    );
  });

  it('never shows a flow with an unknown check as secure', async () => {
    const checks = withCheck(passingChecks(), 'pod.k8s.default-deny', {
      verdict: 'unknown',
      reason: 'kubernetes-not-read',
    });
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(assessmentResponse(checks)),
      ),
    );

    await renderCard();

    const flows = await screen.findByRole('list', { name: 'Traffic flows' });
    const podToPod = within(flows).getByText('Pod-to-pod').closest('li')!;
    expect(within(podToPod).getByText('Unknown')).toBeInTheDocument();
    expect(within(podToPod).queryByTestId('status-ok')).not.toBeInTheDocument();
    expect(screen.getByText('Overall: Unknown')).toBeInTheDocument();
    expect(
      screen.getByText('Not fully evaluated: Pod-to-pod'),
    ).toBeInTheDocument();
  });

  it('shows an assessment without checks as unknown', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(passWithoutChecksResponse()),
      ),
    );

    await renderCard();

    const flows = await screen.findByRole('list', { name: 'Traffic flows' });
    const items = within(flows).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'IngressUnknown',
      'EgressUnknown',
      'Pod-to-podUnknown',
      'ManagementUnknown',
    ]);
    expect(screen.getByText('Overall: Unknown')).toBeInTheDocument();
  });

  it('shows an unrecognised verdict as unknown', async () => {
    const body = JSON.parse(
      JSON.stringify(assessmentResponse(passingChecks())),
    );
    body.assessment.checks[0].verdict = 'error';
    server.use(http.get(ASSESSMENT_URL, () => HttpResponse.json(body)));

    await renderCard();

    const flows = await screen.findByRole('list', { name: 'Traffic flows' });
    const ingress = within(flows).getByText('Ingress').closest('li')!;
    expect(within(ingress).getByText('Unknown')).toBeInTheDocument();
    expect(screen.getByText('Overall: Unknown')).toBeInTheDocument();
  });

  it('names the invalid field of a malformed body', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json({
          ...assessmentResponse(passingChecks()),
          assessment: null,
        }),
      ),
    );

    await renderCard();

    expect(
      await screen.findByText(
        'Error: Could not load the traffic security status: Invalid response from the backend to /api/aks-traffic-security/entities/component/default/shipping-api/assessment: assessment: Invalid input: expected object, received null',
      ),
    ).toBeInTheDocument();
  });

  it('explains that no assessment exists yet', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No assessment yet' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    await renderCard();

    expect(await screen.findByText(/No assessment yet/)).toBeInTheDocument();
  });

  it('shows the server message of an error', async () => {
    server.use(
      http.get(ASSESSMENT_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Access to the assessment was denied',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );

    await renderCard();

    expect(
      await screen.findByText(
        'Error: Could not load the traffic security status: Access to the assessment was denied',
      ),
    ).toBeInTheDocument();
  });
});
