import { Resource } from '../../types';
import { fixture, kubernetes } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import { aspnetappIngressRoute } from '../../__testUtils__/traefikRoutes';
import { workloadIngressFromController } from './workloadIngressFromController';

const AB_WORKLOAD = [
  ...fixture('aks-baseline/01-aspnetapp.yaml'),
  ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
  ...fixture('aks-baseline/traefik.yaml'),
];

function policy(spec: string, name = 'allow-ingress-from-traefik') {
  return kubernetes(`
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
  name: ${name}
  namespace: a0008
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: aspnetapp
${spec}
`);
}

const NARROW_RULE = `  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: a0008
      podSelector:
        matchLabels:
          app.kubernetes.io/name: traefik-ingress-ilb
    ports:
    - port: 8080
      protocol: TCP`;

function resultFor(resources: Resource[], scope = {}) {
  return runCheck(workloadIngressFromController, {
    resources,
    scope: { namespace: 'a0008', ...scope },
  });
}

describe('pod.k8s.workload-ingress-from-controller', () => {
  it('passes a rule that admits only the controller pods on the app port', () => {
    const result = resultFor([...AB_WORKLOAD, ...policy(NARROW_RULE)]);

    expect(result.verdict).toBe('pass');
  });

  it('selects workload pods with matchExpressions', () => {
    const [narrow] = policy(NARROW_RULE);
    (narrow.body.spec as any).podSelector = {
      matchExpressions: [
        {
          key: 'app.kubernetes.io/name',
          operator: 'In',
          values: ['aspnetapp'],
        },
      ],
    };

    expect(resultFor([...AB_WORKLOAD, narrow]).verdict).toBe('pass');
  });

  it('warns on the aks-baseline policy: any namespace and no ports', () => {
    const result = resultFor([
      ...AB_WORKLOAD,
      ...fixture('aks-baseline/ingress-network-policy.yaml'),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('any-namespace');
    const reasons = result.evidence.map(item => item.path);
    expect(reasons).toContain('spec.ingress[0].from[0]');
    expect(reasons).toContain('spec.ingress[0].ports');
    expect(result.evidence[1].elements).toEqual([
      'allow-only-ingress-to-workload.ingress[0]',
    ]);
  });

  it('fails when no policy selects the workload pods', () => {
    const result = resultFor(AB_WORKLOAD);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('aspnetapp-service');
  });

  it('fails a rule without a from clause', () => {
    const result = resultFor([...AB_WORKLOAD, ...policy('  ingress:\n  - {}')]);

    expect(result.verdict).toBe('fail');
  });

  it('fails an empty peer', () => {
    const result = resultFor([
      ...AB_WORKLOAD,
      ...policy(
        '  ingress:\n  - from:\n    - {}\n    ports:\n    - port: 8080',
      ),
    ]);

    expect(result.verdict).toBe('fail');
  });

  it('fails an ipBlock of every address with private exceptions', () => {
    const result = resultFor([
      ...AB_WORKLOAD,
      ...policy(
        '  ingress:\n  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]\n    ports:\n    - port: 8080',
      ),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('every source');
  });

  it('fails a peer that admits every pod of every namespace', () => {
    const result = resultFor([
      ...AB_WORKLOAD,
      ...policy(
        '  ingress:\n  - from:\n    - namespaceSelector: {}\n    ports:\n    - port: 8080',
      ),
    ]);

    expect(result.verdict).toBe('fail');
  });

  describe('with a namespaceSelector open to any namespace', () => {
    const name = 'kubernetes.io/metadata.name';
    const SELECTORS: [string, object][] = [
      ['Exists', { matchExpressions: [{ key: name, operator: 'Exists' }] }],
      [
        'NotIn',
        {
          matchExpressions: [
            { key: name, operator: 'NotIn', values: ['kube-system'] },
          ],
        },
      ],
      [
        'DoesNotExist on another label',
        { matchExpressions: [{ key: 'restricted', operator: 'DoesNotExist' }] },
      ],
    ];

    /** Returns a policy whose one peer has `namespaceSelector` and, when given, `podSelector`. */
    function peerPolicy(namespaceSelector: object, podSelector?: object) {
      const [narrow] = policy(NARROW_RULE);
      const body = JSON.parse(JSON.stringify(narrow.body));
      body.spec.ingress[0].from = [
        podSelector
          ? { namespaceSelector, podSelector }
          : { namespaceSelector },
      ];
      return { ...narrow, body };
    }

    it.each(SELECTORS)(
      'warns on %s with the controller podSelector',
      (_operator, namespaceSelector) => {
        const result = resultFor([
          ...AB_WORKLOAD,
          peerPolicy(namespaceSelector, {
            matchLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
          }),
        ]);

        expect(result.verdict).toBe('warn');
        expect(result.reason).toBe('any-namespace');
      },
    );

    it.each(SELECTORS)(
      'fails on %s without a podSelector',
      (_operator, namespaceSelector) => {
        const result = resultFor([
          ...AB_WORKLOAD,
          peerPolicy(namespaceSelector),
        ]);

        expect(result.verdict).toBe('fail');
      },
    );

    it('passes a selector that also requires a label', () => {
      const result = resultFor([
        ...AB_WORKLOAD,
        peerPolicy(
          {
            matchLabels: { [name]: 'a0008' },
            matchExpressions: [{ key: name, operator: 'Exists' }],
          },
          { matchLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' } },
        ),
      ]);

      expect(result.verdict).toBe('pass');
    });
  });

  it('warns on a peer that admits every pod of the namespace', () => {
    const result = resultFor([
      ...AB_WORKLOAD,
      ...policy(
        '  ingress:\n  - from:\n    - podSelector: {}\n    ports:\n    - port: 8080',
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('broad-peer');
  });

  it('warns on a pod selector that only excludes labels', () => {
    const result = resultFor([
      ...AB_WORKLOAD,
      ...policy(`  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: a0008
      podSelector:
        matchExpressions:
        - key: app.kubernetes.io/name
          operator: NotIn
          values: [nothing]
    ports:
    - port: 8080`),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('broad-peer');
    expect(result.message).toContain('that its podSelector does not exclude');
  });

  it('warns on a peer that admits other pods', () => {
    const result = resultFor([
      ...AB_WORKLOAD,
      ...policy(
        '  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: prometheus\n    ports:\n    - port: 8080',
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('peer-not-controller');
  });

  it('is unknown when the routed Service was not read', () => {
    const result = resultFor([
      ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
      ...fixture('aks-baseline/ingress-network-policy.yaml'),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the controller pods were not read', () => {
    const result = resultFor([
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
      ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
      ...policy(NARROW_RULE),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is unknown when the namespace was not read', () => {
    const result = runCheck(workloadIngressFromController, {
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('unknown');
  });

  it('judges the Services behind a Traefik IngressRoute', () => {
    const resources = [
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
      ...fixture('aks-baseline/traefik.yaml'),
      ...aspnetappIngressRoute(),
    ];

    expect(resultFor([...resources, ...policy(NARROW_RULE)]).verdict).toBe(
      'pass',
    );
    expect(
      resultFor([
        ...resources,
        ...policy('  ingress:\n  - from:\n    - podSelector: {}'),
      ]).reason,
    ).toBe('broad-peer');
  });

  it('is unknown when a gateway serves a namespace without routes', () => {
    const result = resultFor(fixture('aks-baseline/01-aspnetapp.yaml'), {
      gatewayId:
        '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-edge/providers/Microsoft.Network/applicationGateways/apw-aks',
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('entry-point-not-found');
  });

  it('is not applicable when no route reaches a Service', () => {
    const result = resultFor(fixture('aks-baseline/01-aspnetapp.yaml'));

    expect(result.verdict).toBe('not-applicable');
  });

  describe('with a namespaceSelector on other labels', () => {
    const ROLE_RULE = NARROW_RULE.replace(
      'kubernetes.io/metadata.name: a0008',
      'contoso.com/role: ingress',
    );
    const namespace = kubernetes(`
apiVersion: v1
kind: Namespace
metadata:
  name: a0008
  labels:
    contoso.com/role: ingress
`);

    it('is unknown without the Namespace object', () => {
      const result = resultFor([...AB_WORKLOAD, ...policy(ROLE_RULE)]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-resource');
      expect(result.message).toContain('a0008');
    });

    it('passes once the Namespace labels match', () => {
      const result = resultFor([
        ...AB_WORKLOAD,
        ...policy(ROLE_RULE),
        ...namespace,
      ]);

      expect(result.verdict).toBe('pass');
    });
  });

  it('passes metadata.name In without the Namespace object', () => {
    const [narrow] = policy(NARROW_RULE);
    const body = JSON.parse(JSON.stringify(narrow.body));
    body.spec.ingress[0].from[0].namespaceSelector = {
      matchExpressions: [
        {
          key: 'kubernetes.io/metadata.name',
          operator: 'In',
          values: ['a0008', 'other'],
        },
      ],
    };

    expect(resultFor([...AB_WORKLOAD, { ...narrow, body }]).verdict).toBe(
      'pass',
    );
  });

  it('is unknown for aks-baseline-regulated without its Namespaces', () => {
    const service = kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: web-frontend
spec:
  selector:
    app.kubernetes.io/name: a0005
    app.kubernetes.io/component: web-frontend
  ports:
  - name: web
    port: 8080
    targetPort: web
`);
    const result = runCheck(workloadIngressFromController, {
      resources: [
        ...fixture('aks-baseline-regulated/ingress.yaml'),
        ...fixture('aks-baseline-regulated/networkpolicy.yaml'),
        ...fixture('aks-baseline-regulated/networkpolicy-denyall.yaml'),
        ...fixture('aks-baseline-regulated/deployment.yaml'),
        ...service,
      ],
      scope: { namespace: 'a0005-i' },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
    expect(result.message).toContain('ingress-nginx');
  });

  describe('behind the Application Gateway Ingress Controller', () => {
    const agicWorkload = () => [
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
      ...kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: aspnetapp
  namespace: a0008
spec:
  ingressClassName: azure-application-gateway
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: aspnetapp-service
            port:
              number: 80
`),
      ...policy(
        '  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.240.5.0/24\n    ports:\n    - port: 8080',
      ),
    ];

    it('passes an ipBlock equal to the App Gateway subnet', () => {
      const result = resultFor(agicWorkload(), {
        gatewaySubnetPrefix: '10.240.5.0/24',
      });

      expect(result.verdict).toBe('pass');
    });

    it('warns on an ipBlock outside the App Gateway subnet', () => {
      const result = resultFor(agicWorkload(), {
        gatewaySubnetPrefix: '10.240.6.0/24',
      });

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('peer-not-controller');
    });

    it('is unknown without the App Gateway subnet', () => {
      const result = resultFor(agicWorkload());

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-gateway-subnet');
    });
  });
});
