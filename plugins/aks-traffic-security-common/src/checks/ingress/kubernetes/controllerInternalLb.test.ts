import { evaluate } from '../../../evaluator/evaluate';
import {
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { AssessmentScope, Resource } from '../../../types';
import { controllerInternalLb } from './controllerInternalLb';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
) {
  return evaluate(
    resourceSet({ resources, scope, kubernetesNamespaceRead: true }),
    {
      checks: [controllerInternalLb],
    },
  ).checks[0];
}

function service(annotations: string, spec: string) {
  return kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: ingress
  namespace: a0008
  annotations:
${annotations}
spec:
  type: LoadBalancer
  selector:
    app: ingress
  ports:
  - port: 443
${spec}
`);
}

const INTERNAL =
  '    service.beta.kubernetes.io/azure-load-balancer-internal: "true"';

const TRAEFIK_INGRESS = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
spec:
  ingressClassName: traefik
  rules:
  - host: app.aks-ingress.contoso.com
`;

describe('ingress.k8s.controller-internal-lb', () => {
  it('passes an internal load balancer with a private IP address', () => {
    const result = resultFor(
      service(
        INTERNAL,
        '  loadBalancerIP: 10.240.4.4\n  externalTrafficPolicy: Local',
      ),
    );
    expect(result.verdict).toBe('pass');
  });

  it('fails a LoadBalancer Service without the internal annotation', () => {
    const result = resultFor(service('    {}', ''));
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['a0008/Service/ingress']);
  });

  it.each(['True', 'yes', '1'])(
    'fails the internal annotation "%s", which is not exactly "true"',
    value => {
      const result = resultFor(
        service(
          `    service.beta.kubernetes.io/azure-load-balancer-internal: "${value}"`,
          '',
        ),
      );
      expect(result.verdict).toBe('fail');
    },
  );

  it('warns on an unrendered loadBalancerIP placeholder', () => {
    const result = resultFor(
      service(
        INTERNAL,
        '  loadBalancerIP: <ingress-controller-ilb-ipv4-address>',
      ),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('invalid-load-balancer-ip');
  });

  it('warns on an allow-list with externalTrafficPolicy Cluster', () => {
    const result = resultFor(
      service(INTERNAL, '  loadBalancerSourceRanges: [10.240.5.0/24]'),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('client-ip-snat');
  });

  it('passes an allow-list with externalTrafficPolicy Local', () => {
    const result = resultFor(
      service(
        INTERNAL,
        '  loadBalancerSourceRanges: [10.240.5.0/24]\n  externalTrafficPolicy: Local',
      ),
    );
    expect(result.verdict).toBe('pass');
  });

  it('judges a controller Service in another namespace', () => {
    const result = resultFor(
      kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  type: LoadBalancer
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].resource).toBe(
      'ingress-nginx/Service/ingress-nginx-controller',
    );
  });

  it('is unknown when an in-cluster controller serves Ingresses but no Service was read', () => {
    const result = resultFor(kubernetes(TRAEFIK_INGRESS));
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is unknown when the Service list failed', () => {
    const result = evaluate(
      resourceSet({
        resources: [],
        kubernetesNamespaceRead: true,
        failures: [
          {
            target: 'kubernetes:Service',
            reason: 'forbidden',
            message: 'services is forbidden',
          },
        ],
      }),
      { checks: [controllerInternalLb] },
    ).checks[0];
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  it('is not applicable without a LoadBalancer Service or in-cluster controller', () => {
    expect(resultFor([]).verdict).toBe('not-applicable');
  });

  describe('fixtures', () => {
    it('warns on aks-baseline Traefik for its placeholder loadBalancerIP', () => {
      const result = resultFor([
        ...fixture('aks-baseline/traefik.yaml'),
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('invalid-load-balancer-ip');
      expect(result.evidence.map(item => item.observed)).toContain(
        '<ingress-controller-ilb-ipv4-address>',
      );
    });

    it('passes the regulated ingress-nginx Service on 10.240.4.4', () => {
      const result = resultFor(
        [
          ...fixture('aks-baseline-regulated/deployment.yaml'),
          ...fixture('aks-baseline-regulated/ingress.yaml'),
        ],
        { namespace: 'a0005-i' },
      );
      expect(result.verdict).toBe('pass');
      expect(result.evidence[0].resource).toBe(
        'ingress-nginx/Service/ingress-nginx-controller',
      );
    });

    it('is not applicable to the AGIC samples, which have no LoadBalancer Service', () => {
      const result = resultFor(
        [
          ...fixture('agic/ingress-https.yaml'),
          ...fixture('agic/service.yaml'),
        ],
        {},
      );
      expect(result.verdict).toBe('not-applicable');
    });
  });
});
