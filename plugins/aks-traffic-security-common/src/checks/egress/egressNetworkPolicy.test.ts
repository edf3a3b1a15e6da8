import { Resource } from '../../types';
import { fixture, kubernetes } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import { egressNetworkPolicy } from './egressNetworkPolicy';

const AB = [
  ...fixture('aks-baseline/01-aspnetapp.yaml'),
  ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
  ...fixture('aks-baseline/traefik.yaml'),
  ...fixture('aks-baseline/ingress-network-policy.yaml'),
];

function egressPolicy(egress: string, name = 'aspnetapp-egress') {
  return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: a0008
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: aspnetapp
  policyTypes: [Egress]
  egress:
${egress}
`);
}

const DNS_UDP_AND_TCP = `  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP`;

const TO_ORDERS_API = `  - to:
    - podSelector:
        matchLabels:
          app.kubernetes.io/name: orders-api
    ports:
    - port: 8080`;

function resultFor(resources: Resource[]) {
  return runCheck(egressNetworkPolicy, {
    resources,
    scope: { namespace: 'a0008' },
  });
}

describe('egress.k8s.egress-network-policy', () => {
  it('passes egress limited to DNS over UDP and TCP and a named service', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(`${DNS_UDP_AND_TCP}\n${TO_ORDERS_API}`),
    ]);

    expect(result.verdict).toBe('pass');
  });

  it('warns on aks-baseline, which has no egress policy', () => {
    const result = resultFor(AB);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('no-egress-policy');
  });

  it('warns when DNS is allowed over UDP only', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(
        `${DNS_UDP_AND_TCP.replace(
          /\n {4}- port: 53\n {6}protocol: TCP/,
          '',
        )}\n${TO_ORDERS_API}`,
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('dns-blocked');
    expect(result.message).toContain('TCP');
  });

  it('warns when an egress deny allows no DNS at all', () => {
    const result = resultFor([...AB, ...egressPolicy(TO_ORDERS_API)]);

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain('UDP and TCP');
  });

  it('warns on a rule that allows every destination', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(`${DNS_UDP_AND_TCP}\n  - {}`),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('egress-unrestricted');
  });

  it('warns on an ipBlock of every address', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(
        `${DNS_UDP_AND_TCP}\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n    ports:\n    - port: 443`,
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('egress-unrestricted');
  });

  it('warns on an ipBlock of every address with private exceptions', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(
        `${DNS_UDP_AND_TCP}\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]`,
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('egress-unrestricted');
    expect(result.message).toContain('except 10.0.0.0/8');
  });

  it('warns on an IPv6 ipBlock of every address with exceptions', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(
        `${DNS_UDP_AND_TCP}\n  - to:\n    - ipBlock:\n        cidr: '::/0'\n        except: ['fd00::/8']`,
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('egress-unrestricted');
  });

  it('does not count a /0 ipBlock with exceptions as DNS', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(
        `  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8]\n    ports:\n    - port: 53\n      protocol: UDP\n    - port: 53\n      protocol: TCP`,
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('dns-blocked');
  });

  it('passes port 53 to every destination', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(
        `  - ports:\n    - port: 53\n      protocol: UDP\n    - port: 53\n      endPort: 53\n      protocol: TCP\n${TO_ORDERS_API}`,
      ),
    ]);

    expect(result.verdict).toBe('pass');
  });

  it('warns on a port range from 53 to every destination', () => {
    const result = resultFor([
      ...AB,
      ...egressPolicy(
        `  - ports:\n    - port: 53\n      endPort: 65535\n      protocol: TCP\n    - port: 53\n      endPort: 65535\n      protocol: UDP`,
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('unnamed-destination');
    expect(result.evidence[1].path).toBe('spec.egress[0].ports');
  });

  it('warns on aks-baseline-regulated, whose DNS rule allows UDP only', () => {
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
`);
    const result = runCheck(egressNetworkPolicy, {
      resources: [
        ...fixture('aks-baseline-regulated/ingress.yaml'),
        ...fixture('aks-baseline-regulated/networkpolicy-denyall.yaml'),
        ...fixture('aks-baseline-regulated/networkpolicy.yaml'),
        ...service,
      ],
      scope: { namespace: 'a0005-i' },
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('dns-blocked');
    expect(result.message).toContain('over TCP port 53');
    expect(result.evidence[0].note).toContain('UDP');
  });

  it('judges workloads of a namespace without routes', () => {
    const result = resultFor(fixture('aks-baseline/01-aspnetapp.yaml'));

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain('aspnetapp-deployment');
  });

  it('judges a bare Pod by its own labels', () => {
    const pod = kubernetes(`
apiVersion: v1
kind: Pod
metadata:
  name: debug-shell
  namespace: a0008
  labels:
    app.kubernetes.io/name: aspnetapp
spec:
  containers:
  - name: shell
    image: mcr.microsoft.com/azurelinux/base/core:3.0
`);
    const result = resultFor([
      ...pod,
      ...egressPolicy(`${DNS_UDP_AND_TCP}\n${TO_ORDERS_API}`),
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      resource: 'a0008/Pod/debug-shell',
      observed: ['aspnetapp-egress'],
    });
  });

  it('is not applicable without workloads', () => {
    expect(
      resultFor(fixture('aks-baseline/ingress-network-policy.yaml')).verdict,
    ).toBe('not-applicable');
  });

  it('is unknown when the routed Service was not read', () => {
    const result = resultFor(fixture('aks-baseline/02-aspnetapp-ingress.yaml'));

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the namespace was not read', () => {
    expect(
      runCheck(egressNetworkPolicy, { scope: { namespace: 'a0008' } }).verdict,
    ).toBe('unknown');
  });

  it('is unknown without routes when listing StatefulSets failed', () => {
    // Without the Ingress, every workload of the namespace is judged.
    const result = runCheck(egressNetworkPolicy, {
      resources: [
        ...fixture('aks-baseline/01-aspnetapp.yaml'),
        ...egressPolicy(`${DNS_UDP_AND_TCP}\n${TO_ORDERS_API}`),
      ],
      scope: { namespace: 'a0008' },
      failures: [
        {
          target: 'kubernetes:StatefulSet',
          reason: 'forbidden',
          message: 'statefulsets is forbidden',
        },
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('StatefulSet objects');
  });
});
