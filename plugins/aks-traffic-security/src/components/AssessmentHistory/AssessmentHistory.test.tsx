import { Entity } from '@backstage/catalog-model';
import { EntityHistoryResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
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
import { AssessmentHistory } from './AssessmentHistory';

const HISTORY_URL =
  'http://localhost:7007/api/aks-traffic-security/entities/component/default/shipping-api/history';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shipping-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/logistics' },
};

const history: EntityHistoryResponse = {
  entityRef: 'component:default/shipping-api',
  total: 2,
  limit: 10,
  offset: 0,
  items: [
    {
      evaluatedAt: '2026-03-02T08:30:00.000Z',
      verdict: 'fail',
      flows: {
        ingress: 'fail',
        egress: 'pass',
        'pod-to-pod': 'unknown',
        management: 'pass',
      },
      counts: { fail: 2, unknown: 1, warn: 0, pass: 9, 'not-applicable': 1 },
      source: 'snapshot',
      changes: {
        previousVerdict: 'pass',
        flows: { ingress: 'pass', 'pod-to-pod': 'pass' },
        checks: [
          {
            checkId: 'ingress.appgw.min-tls-version',
            title: 'The Application Gateway accepts TLS 1.2 or later only.',
            from: 'pass',
            to: 'fail',
          },
          {
            checkId: 'pod.k8s.default-deny',
            from: 'pass',
            to: 'unknown',
          },
          { checkId: 'ingress.waf.request-body-inspection', to: 'fail' },
        ],
      },
    },
    {
      evaluatedAt: '2026-03-01T08:30:00.000Z',
      verdict: 'pass',
      flows: {
        ingress: 'pass',
        egress: 'pass',
        'pod-to-pod': 'pass',
        management: 'pass',
      },
      counts: { fail: 0, unknown: 0, warn: 0, pass: 11, 'not-applicable': 1 },
      source: 'snapshot',
    },
  ],
};

const server = setupServer();
registerMswTestHooks(server);

function renderHistory() {
  const client = new AksTrafficSecurityClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });

  return renderInTestApp(
    <TestApiProvider apis={[[aksTrafficSecurityApiRef, client]]}>
      <AssessmentHistory entity={entity} />
    </TestApiProvider>,
  );
}

describe('AssessmentHistory', () => {
  it('lists assessments newest first', async () => {
    let requestedLimit: string | null = null;
    server.use(
      http.get(HISTORY_URL, ({ request }) => {
        requestedLimit = new URL(request.url).searchParams.get('limit');
        return HttpResponse.json(history);
      }),
    );

    await renderHistory();

    const table = await screen.findByRole('table', {
      name: 'Verdict changes',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(requestedLimit).toBe('10');

    const newest = within(rows[0]).getAllByRole('cell');
    expect(within(newest[0]).getByRole('time')).toHaveAttribute(
      'dateTime',
      '2026-03-02T08:30:00.000Z',
    );
    expect(newest[1]).toHaveTextContent('Fail');
    expect(newest[2]).toHaveTextContent('2');
    expect(newest[3]).toHaveTextContent('1');

    const older = within(rows[1]).getAllByRole('cell');
    expect(within(older[0]).getByRole('time')).toHaveAttribute(
      'dateTime',
      '2026-03-01T08:30:00.000Z',
    );
    expect(older[1]).toHaveTextContent('Pass');
    expect(older[2]).toHaveTextContent('0');
    expect(older[3]).toHaveTextContent('0');
  });

  it('shows the changes of the newest assessment', async () => {
    server.use(http.get(HISTORY_URL, () => HttpResponse.json(history)));

    await renderHistory();

    const changes = await screen.findByRole('list', {
      name: 'Changed checks',
    });
    const items = within(changes).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(
      'ingress.appgw.min-tls-version (The Application Gateway accepts TLS 1.2 or later only.): Pass → Fail',
    );
    expect(items[1]).toHaveTextContent('pod.k8s.default-deny: Pass → Unknown');
    expect(items[2]).toHaveTextContent(
      'ingress.waf.request-body-inspection: not run → Fail',
    );
  });

  it('explains a lone assessment', async () => {
    server.use(
      http.get(HISTORY_URL, () =>
        HttpResponse.json({ ...history, total: 1, items: [history.items[1]] }),
      ),
    );

    await renderHistory();

    expect(
      await screen.findByText('No earlier assessment is kept to compare with.'),
    ).toBeInTheDocument();
  });

  it('names the missing items of a malformed body', async () => {
    server.use(
      http.get(HISTORY_URL, () =>
        HttpResponse.json({ entityRef: history.entityRef, total: 0 }),
      ),
    );

    await renderHistory();

    expect(
      await screen.findByText(
        /^Error: Could not load the assessment history: Invalid response from the backend to \/api\/aks-traffic-security\/entities\/component\/default\/shipping-api\/history: items: Invalid input: expected array, received undefined/,
      ),
    ).toBeInTheDocument();
  });

  it('shows an empty history', async () => {
    server.use(
      http.get(HISTORY_URL, () =>
        HttpResponse.json({ ...history, total: 0, items: [] }),
      ),
    );

    await renderHistory();

    expect(
      await screen.findByText(
        'No assessments are recorded for this entity yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the server message on error', async () => {
    server.use(
      http.get(HISTORY_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'The assessment store is not reachable',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );

    await renderHistory();

    expect(
      await screen.findByText(
        'Error: Could not load the assessment history: The assessment store is not reachable',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
