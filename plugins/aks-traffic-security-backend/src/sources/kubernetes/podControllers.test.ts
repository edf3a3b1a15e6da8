import { KubernetesResource } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { isControlledByWorkload, workloadKeys } from './podControllers';

function resource(
  objectKind: string,
  name: string,
  metadata: object = {},
): KubernetesResource {
  return {
    kind: 'kubernetes',
    apiVersion: 'v1',
    objectKind,
    name,
    namespace: 'checkout',
    body: { metadata: { name, namespace: 'checkout', ...metadata } },
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
    labels,
    ownerReferences: [{ controller: true, uid: 'owner-uid', ...owner }],
  });
}

describe('isControlledByWorkload', () => {
  const workloads = workloadKeys([
    resource('Deployment', 'checkout-api'),
    resource('StatefulSet', 'checkout-db'),
    resource('DaemonSet', 'checkout-agent'),
    resource('Job', 'checkout-migrate'),
  ]);

  it.each([
    [
      'a Deployment through its ReplicaSet',
      ownedPod(
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'checkout-api-6d8f7b9c4d',
        },
        { 'pod-template-hash': '6d8f7b9c4d' },
      ),
      true,
    ],
    [
      'a StatefulSet',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'checkout-db',
      }),
      true,
    ],
    [
      'a DaemonSet',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'checkout-agent',
      }),
      true,
    ],
    [
      'a Job',
      ownedPod({
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'checkout-migrate',
      }),
      true,
    ],
    ['no owner', resource('Pod', 'checkout-debug'), false],
    [
      'an owner that is not the controller',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'checkout-db',
        controller: false,
      }),
      false,
    ],
    [
      'a Job that was not read',
      ownedPod({
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'checkout-backfill',
      }),
      false,
    ],
    [
      'a custom kind named StatefulSet',
      ownedPod({
        apiVersion: 'apps.kruise.io/v1beta1',
        kind: 'StatefulSet',
        name: 'checkout-db',
      }),
      false,
    ],
    [
      'a ReplicaSet without the hash label',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'checkout-api-6d8f7b9c4d',
      }),
      false,
    ],
    [
      'a ReplicaSet of no Deployment read',
      ownedPod(
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'checkout-canary-5f7c9d8b6',
        },
        { 'pod-template-hash': '5f7c9d8b6' },
      ),
      false,
    ],
    [
      'a kind that controls no Pods',
      ownedPod({
        apiVersion: 'apps/v1',
        kind: 'constructor',
        name: 'checkout-api',
      }),
      false,
    ],
  ])('judges a Pod of %s', (_case, pod, expected) => {
    expect(isControlledByWorkload(pod, workloads)).toBe(expected);
  });
});
