import { JsonObject } from '../types';
import { kubernetesObjects } from './kubernetesObjects';

const ORIGIN = { source: 'kubernetes', location: 'https://127.0.0.1:6443' };

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A typed list as the API server returns it, with its bookkeeping fields. */
function ingressList(): JsonObject {
  const spec = { ingressClassName: 'nginx', tls: [{ secretName: 'tls' }] };
  return {
    kind: 'IngressList',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { resourceVersion: '4711' },
    items: [
      {
        metadata: {
          name: 'checkout',
          namespace: 'shop',
          annotations: {
            'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
            [LAST_APPLIED]: JSON.stringify({
              metadata: { name: 'checkout' },
              spec,
            }),
          },
          managedFields: [
            {
              manager: 'kubectl-client-side-apply',
              operation: 'Update',
              apiVersion: 'networking.k8s.io/v1',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:spec': { 'f:ingressClassName': {} } },
            },
          ],
        },
        spec,
      },
    ],
  };
}

describe('kubernetesObjects', () => {
  it('drops managed fields and last-applied copies', () => {
    const [ingress] = kubernetesObjects(ingressList(), ORIGIN);

    expect(ingress.body.metadata).toEqual({
      name: 'checkout',
      namespace: 'shop',
      annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
    });
    expect(ingress.body.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ secretName: 'tls' }],
    });
    expect(ingress.body.kind).toBe('Ingress');
  });

  it('leaves the input list unchanged', () => {
    const list = ingressList();
    const before = JSON.stringify(list);

    kubernetesObjects(list, ORIGIN);

    expect(JSON.stringify(list)).toBe(before);
  });

  it('keeps an object without bookkeeping fields', () => {
    const namespace = {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'shop', labels: { team: 'checkout' } },
    };

    const [object] = kubernetesObjects(namespace, ORIGIN);

    expect(object.body).toEqual(namespace);
    expect(object.name).toBe('shop');
  });
});
