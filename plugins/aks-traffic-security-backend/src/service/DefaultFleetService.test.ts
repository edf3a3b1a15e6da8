import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { FleetEntry } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { DefaultFleetService } from './DefaultFleetService';
import { EntityAuthorizer } from './EntityAuthorizer';
import { FleetQuery } from './FleetService';
import { permissionsWithReadDecision } from './__testUtils__/permissions';

function entry(name: string, overrides: Partial<FleetEntry>): FleetEntry {
  return {
    entityRef: `component:default/${name}`,
    verdict: 'pass',
    flows: {
      ingress: 'pass',
      egress: 'pass',
      'pod-to-pod': 'pass',
      management: 'pass',
    },
    failingBySeverity: {},
    evaluatedAt: '2026-12-01T10:00:00.000Z',
    stale: false,
    failedReads: 0,
    ...overrides,
  };
}

const entries = [
  entry('a', { verdict: 'pass', owner: 'group:default/zeta' }),
  entry('b', {
    verdict: 'fail',
    flows: {
      ingress: 'fail',
      egress: 'pass',
      'pod-to-pod': 'pass',
      management: 'unknown',
    },
  }),
  entry('c', {
    verdict: 'unknown',
    owner: 'group:default/alpha',
    evaluatedAt: '2026-12-02T10:00:00.000Z',
  }),
];

function createService() {
  const store = {
    listFleet: jest.fn().mockResolvedValue(entries),
  } as unknown as AssessmentStore;
  const authorizer = new EntityAuthorizer(
    permissionsWithReadDecision(AuthorizeResult.CONDITIONAL),
  );
  return new DefaultFleetService({ store, authorizer });
}

async function order(
  sort: FleetQuery['sort'],
  direction: 'asc' | 'desc' = 'asc',
) {
  const result = await createService().exportFleet(
    { sort, order: direction },
    mockCredentials.user(),
  );
  return result.map(item => item.entityRef.split('/')[1]);
}

describe('DefaultFleetService', () => {
  it('sorts verdicts from worst to best', async () => {
    expect(await order('verdict')).toEqual(['b', 'c', 'a']);
    expect(await order('verdict', 'desc')).toEqual(['a', 'c', 'b']);
  });

  it('sorts absent owners last', async () => {
    expect(await order('owner')).toEqual(['c', 'a', 'b']);
  });

  it('sorts by evaluation time', async () => {
    expect(await order('evaluatedAt', 'desc')).toEqual(['c', 'a', 'b']);
  });

  it('counts verdicts over every entry and pages them', async () => {
    const response = await createService().getFleet(
      { sort: 'entityRef', order: 'asc', limit: 2, offset: 2 },
      mockCredentials.user(),
    );

    expect(response.items.map(item => item.entityRef)).toEqual([
      'component:default/c',
    ]);
    expect(response.total).toBe(3);
    expect(response.verdictCounts).toEqual({
      fail: 1,
      unknown: 1,
      warn: 0,
      pass: 1,
      'not-applicable': 0,
    });
    expect(response.flowCounts.management).toEqual({
      fail: 0,
      unknown: 1,
      warn: 0,
      pass: 2,
      'not-applicable': 0,
    });
    expect(response.flowCounts.ingress.fail).toBe(1);
  });

  it('leaves paging and counting to the store on ALLOW', async () => {
    const counts = {
      total: 3,
      verdictCounts: {
        fail: 1,
        unknown: 1,
        warn: 0,
        pass: 1,
        'not-applicable': 0,
      },
      flowCounts: {},
    };
    const store = {
      listFleet: jest.fn().mockResolvedValue(entries),
      countFleet: jest.fn().mockResolvedValue(counts),
      getFleetVersion: jest.fn().mockResolvedValue('1'),
    };
    const permissions = permissionsWithReadDecision(AuthorizeResult.ALLOW);
    const service = new DefaultFleetService({
      store: store as unknown as AssessmentStore,
      authorizer: new EntityAuthorizer(permissions),
    });

    const response = await service.getFleet(
      {
        owners: ['group:default/alpha'],
        sort: 'owner',
        order: 'desc',
        limit: 2,
        offset: 2,
      },
      mockCredentials.user(),
    );

    expect(response).toEqual({
      items: [entries[2]],
      limit: 2,
      offset: 2,
      ...counts,
    });
    expect(store.listFleet).toHaveBeenCalledWith(
      expect.objectContaining({ owners: ['group:default/alpha'] }),
      {
        order: expect.objectContaining({ sort: 'owner', order: 'desc' }),
        limit: 500,
        offset: 0,
      },
    );
    expect(store.countFleet).toHaveBeenCalledWith(
      expect.objectContaining({ owners: ['group:default/alpha'] }),
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('reads nothing from the store on DENY', async () => {
    const store = {
      listFleet: jest.fn(),
      countFleet: jest.fn(),
      getFleetVersion: jest.fn(),
    };
    const service = new DefaultFleetService({
      store: store as unknown as AssessmentStore,
      authorizer: new EntityAuthorizer(
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      ),
    });

    const response = await service.getFleet(
      { sort: 'entityRef', order: 'asc', limit: 50, offset: 0 },
      mockCredentials.user(),
    );
    const exported = await service.exportFleet(
      { sort: 'entityRef', order: 'asc' },
      mockCredentials.user(),
    );

    expect(response.items).toEqual([]);
    expect(response.total).toBe(0);
    expect(response.verdictCounts.fail).toBe(0);
    expect(exported).toEqual([]);
    expect(store.listFleet).not.toHaveBeenCalled();
    expect(store.countFleet).not.toHaveBeenCalled();
    expect(store.getFleetVersion).not.toHaveBeenCalled();
  });
});
