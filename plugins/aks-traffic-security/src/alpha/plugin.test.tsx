import { Entity } from '@backstage/catalog-model';
import {
  coreExtensionData,
  discoveryApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  assessmentResponse,
  passingChecks,
} from '../__testUtils__/assessments';
import { fleetEntry, fleetResponse } from '../__testUtils__/fleet';
import plugin from './plugin';
import { aksTrafficSecurityApi } from './apis';
import { entityTrafficSecurityCard } from './entityCards';
import { entityTrafficSecurityContent } from './entityContents';
import { fleetDashboardPage } from './pages';

jest.setTimeout(30_000);

const annotatedComponent: Entity = {
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

const plainComponent: Entity = {
  ...annotatedComponent,
  metadata: { name: 'legacy-batch', namespace: 'default' },
};

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'logistics', namespace: 'default' },
  spec: { owner: 'group:default/logistics' },
};

const server = setupServer();
registerMswTestHooks(server);

describe('aks-traffic-security frontend plugin', () => {
  it('has the plugin id', () => {
    expect(plugin.pluginId).toBe('aks-traffic-security');
  });

  it('mounts the tab at traffic-security', () => {
    const tester = createExtensionTester(entityTrafficSecurityContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('traffic-security');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Traffic security',
    );
  });

  it('shows the tab for components only', () => {
    const tester = createExtensionTester(entityTrafficSecurityContent);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(filter(annotatedComponent)).toBe(true);
    expect(filter(plainComponent)).toBe(true);
    expect(filter(system)).toBe(false);
  });

  it('shows the card for annotated components only', () => {
    const tester = createExtensionTester(entityTrafficSecurityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;

    expect(filter(annotatedComponent)).toBe(true);
    expect(filter(plainComponent)).toBe(false);
    expect(filter(system)).toBe(false);
  });

  it('mounts the fleet page with a nav title and icon', () => {
    const tester = createExtensionTester(fleetDashboardPage);

    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/aks-traffic-security',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Traffic security');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('renders the tab with the API extension', async () => {
    server.use(
      http.get(
        'http://localhost:7007/api/aks-traffic-security/entities/component/default/shipping-api/assessment',
        () => HttpResponse.json(assessmentResponse(passingChecks())),
      ),
    );

    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: annotatedComponent }),
        entityTrafficSecurityContent,
        aksTrafficSecurityApi,
      ],
      apis: [
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        ],
      ],
    });

    expect(
      await screen.findByRole('region', { name: 'Management flow' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Secure: every check passed' }),
    ).toBeInTheDocument();
  });

  it('requests the fleet page once while the dashboard loads', async () => {
    const offsets: string[] = [];
    server.use(
      http.get(
        'http://localhost:7007/api/aks-traffic-security/fleet',
        ({ request }) => {
          const params = new URL(request.url).searchParams;
          offsets.push(params.get('offset')!);
          return HttpResponse.json(
            fleetResponse({ items: [fleetEntry('shipping-api')], total: 1 }),
          );
        },
      ),
      http.get(
        'http://localhost:7007/api/aks-traffic-security/fleet/trend',
        () => HttpResponse.json({ points: [] }),
      ),
    );

    renderTestApp({
      extensions: [fleetDashboardPage, aksTrafficSecurityApi],
      initialRouteEntries: ['/aks-traffic-security'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        ],
      ],
    });

    expect(await screen.findByText('1-1 of 1')).toBeInTheDocument();
    await screen.findByText('No assessment history in the last 30 days.');
    // The page extension's request is the dashboard's, not a second one.
    expect(offsets).toEqual(['0']);
  });
});
