import {
  JsonObject,
  KubernetesResource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { isControlledByWorkload, workloadIndex } from './podControllers';

function resource(
  objectKind: string,
  name: string,
  body: JsonObject = {},
): KubernetesResource {
  const metadata = (body.metadata ?? {}) as JsonObject;
  return {
    kind: 'kubernetes',
    apiVersion: 'v1',
    objectKind,
    name,
    namespace: 'checkout',
    body: {
      ...body,
      metadata: { name, namespace: 'checkout', ...metadata },
    },
    origin: { source: 'kubernetes', location: 'test', format: 'kubernetes' },
  };
}

function ownedPod(
  owner: {
    apiVersion: string;
    kind: string;
    name: string;
    controller?: boolean;
  },
  labels: Record<string, string> = {},
): KubernetesResource {
  return resource('Pod', `${owner.name}-x2x7k`, {
    metadata: {
      labels,
      ownerReferences: [{ controller: true, uid: 'owner-uid', ...owner }],
    },
  });
}

function deployment(
  spec: JsonObject = {},
  status: JsonObject = {},
): KubernetesResource {
  return resource('Deployment', 'checkout-api', {
    metadata: { generation: 4 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'checkout-api' } },
      ...spec,
    },
    status: {
      observedGeneration: 4,
      replicas: 3,
      updatedReplicas: 3,
      ...status,
    },
  });
}

function withoutStatus(workload: KubernetesResource): KubernetesResource {
  const { status: _status, ...body } = workload.body;
  return { ...workload, body };
}

const STATEFUL_SET = resource('StatefulSet', 'checkout-db', {
  metadata: { generation: 2 },
  status: { observedGeneration: 2, updateRevision: 'checkout-db-5d8c7b9f4' },
});

const DAEMON_SET = resource('DaemonSet', 'checkout-agent', {
  metadata: { generation: 1 },
  status: {
    observedGeneration: 1,
    desiredNumberScheduled: 2,
    updatedNumberScheduled: 2,
  },
});

const JOB = resource('Job', 'checkout-migrate');

const DEPLOYMENT_POD = ownedPod(
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name: 'checkout-api-6d8f7b9c4d',
  },
  { app: 'checkout-api', 'pod-template-hash': '6d8f7b9c4d' },
);

const STATEFUL_SET_POD = ownedPod(
  { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'checkout-db' },
  { 'controller-revision-hash': 'checkout-db-5d8c7b9f4' },
);

describe('isControlledByWorkload', () => {
  const workloads = workloadIndex([
    deployment(),
    STATEFUL_SET,
    DAEMON_SET,
    JOB,
  ]);

  it.each([
    ['a Deployment through its ReplicaSet', DEPLOYMENT_POD],
    ['a StatefulSet at its update revision', STATEFUL_SET_POD],
    [
      'a DaemonSet',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'checkout-agent',
      }),
    ],
    [
      'a Job',
      ownedPod({
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'checkout-migrate',
      }),
    ],
  ])('counts a Pod of %s', (_case, pod) => {
    expect(isControlledByWorkload(pod, workloads)).toBe(true);
  });

  it.each([
    ['no owner', resource('Pod', 'checkout-debug')],
    [
      'an owner that is not the controller',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'checkout-db',
        controller: false,
      }),
    ],
    [
      'a Job that was not read',
      ownedPod({
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'checkout-backfill',
      }),
    ],
    [
      'a custom kind named StatefulSet',
      ownedPod(
        {
          apiVersion: 'apps.kruise.io/v1beta1',
          kind: 'StatefulSet',
          name: 'checkout-db',
        },
        { 'controller-revision-hash': 'checkout-db-5d8c7b9f4' },
      ),
    ],
    [
      'a ReplicaSet without the hash label',
      ownedPod(
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'checkout-api-6d8f7b9c4d',
        },
        { app: 'checkout-api' },
      ),
    ],
    [
      'a ReplicaSet of no Deployment read',
      ownedPod(
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'checkout-canary-5f7c9d8b6',
        },
        { app: 'checkout-api', 'pod-template-hash': '5f7c9d8b6' },
      ),
    ],
    [
      'a ReplicaSet whose Pods the Deployment does not select',
      ownedPod(
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'checkout-api-6d8f7b9c4d',
        },
        { app: 'legacy', 'pod-template-hash': '6d8f7b9c4d' },
      ),
    ],
    [
      'a StatefulSet at an older revision',
      ownedPod(
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'checkout-db' },
        { 'controller-revision-hash': 'checkout-db-7c6b5d4f8' },
      ),
    ],
    [
      'a kind that controls no Pods',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'constructor',
        name: 'checkout-api',
      }),
    ],
  ])('leaves out a Pod of %s', (_case, pod) => {
    expect(isControlledByWorkload(pod, workloads)).toBe(false);
  });

  it.each([
    ['an unfinished rollout', deployment({}, { updatedReplicas: 1 })],
    ['a paused rollout', deployment({ paused: true })],
    ['a status of an older spec', deployment({}, { observedGeneration: 3 })],
    ['no status', withoutStatus(deployment())],
    [
      'a selector whose expressions exclude the Pod',
      deployment({
        selector: {
          matchLabels: { app: 'checkout-api' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
        },
      }),
    ],
    [
      'a selector with an unknown operator',
      deployment({
        selector: {
          matchExpressions: [{ key: 'app', operator: 'Like', values: ['c*'] }],
        },
      }),
    ],
    ['an empty selector', deployment({ selector: {} })],
    ['empty matchLabels', deployment({ selector: { matchLabels: {} } })],
  ])('leaves out the Pods of a Deployment with %s', (_case, workload) => {
    expect(
      isControlledByWorkload(DEPLOYMENT_POD, workloadIndex([workload])),
    ).toBe(false);
  });

  it.each<[string, JsonObject[]]>([
    [
      'In and Exists',
      [
        { key: 'app', operator: 'In', values: ['checkout-api', 'checkout'] },
        { key: 'pod-template-hash', operator: 'Exists' },
      ],
    ],
    [
      'NotIn and DoesNotExist',
      [
        { key: 'app', operator: 'NotIn', values: ['legacy'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    ],
  ])(
    'counts the Pods of a Deployment whose %s expressions select them',
    (_case, matchExpressions) => {
      const workload = deployment({ selector: { matchExpressions } });

      expect(
        isControlledByWorkload(DEPLOYMENT_POD, workloadIndex([workload])),
      ).toBe(true);
    },
  );

  it('leaves out the Pods of a DaemonSet whose update is unfinished', () => {
    const updating = resource('DaemonSet', 'checkout-agent', {
      metadata: { generation: 1 },
      status: {
        observedGeneration: 1,
        desiredNumberScheduled: 2,
        updatedNumberScheduled: 1,
      },
    });
    const pod = ownedPod({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      name: 'checkout-agent',
    });

    expect(isControlledByWorkload(pod, workloadIndex([updating]))).toBe(false);
  });
});
