import { kubernetes, resourceSet } from '../../__testUtils__/resourceSets';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import {
  classifyPeer,
  effectivePolicyTypes,
  namespaceSelectorMatches,
  peerSelectsPods,
  policySelects,
  selectsAnyNamespace,
} from './networkPolicies';

function policy(spec: string) {
  return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test
  namespace: a0008
spec:
${spec}
`)[0];
}

const context = new EvaluationContext(
  resourceSet({ scope: { namespace: 'a0008' } }),
);

describe('effectivePolicyTypes', () => {
  it('defaults to Ingress', () => {
    expect(effectivePolicyTypes(policy('  podSelector: {}'))).toEqual([
      'Ingress',
    ]);
  });

  it('adds Egress only when egress rules exist', () => {
    expect(
      effectivePolicyTypes(policy('  podSelector: {}\n  egress: []')),
    ).toEqual(['Ingress']);
    expect(
      effectivePolicyTypes(policy('  podSelector: {}\n  egress:\n  - {}')),
    ).toEqual(['Ingress', 'Egress']);
  });

  it('keeps declared types', () => {
    expect(
      effectivePolicyTypes(
        policy('  podSelector: {}\n  policyTypes: [Egress]'),
      ),
    ).toEqual(['Egress']);
  });
});

describe('policySelects', () => {
  const pods = {
    labels: { app: 'web' },
    namespace: 'a0008',
    source: 'test',
    labelsPath: 'metadata.labels',
  };

  it('selects pods of its own namespace only', () => {
    expect(policySelects(policy('  podSelector: {}'), pods, context)).toBe(
      true,
    );
    expect(
      policySelects(
        policy('  podSelector: {}'),
        { ...pods, namespace: 'other' },
        context,
      ),
    ).toBe(false);
  });

  it('treats an omitted podSelector as selecting every pod', () => {
    expect(
      policySelects(policy('  policyTypes: [Ingress]'), pods, context),
    ).toBe(true);
  });
});

describe('classifyPeer', () => {
  it.each([
    [{}, 'everything'],
    [{ ipBlock: { cidr: '0.0.0.0/0' } }, 'everything'],
    [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, 'everything'],
    [{ ipBlock: { cidr: '::/0', except: ['fd00::/8'] } }, 'everything'],
    [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, 'ip-block'],
    [{ namespaceSelector: {} }, 'all-pods'],
    [{ namespaceSelector: {}, podSelector: {} }, 'all-pods'],
    [
      {
        namespaceSelector: {},
        podSelector: { matchLabels: { app: 'traefik' } },
      },
      'pods',
    ],
    [{ podSelector: {} }, 'pods'],
  ])('classifies %j as %s', (peer, kind) => {
    expect(classifyPeer(peer as any).kind).toBe(kind);
  });

  it('keeps the except list of a /0 ipBlock', () => {
    const scope = classifyPeer({
      ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] },
    });

    expect(scope).toEqual({
      kind: 'everything',
      description: 'ipBlock 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12',
      except: ['10.0.0.0/8', '172.16.0.0/12'],
    });
  });
});

describe('selectsAnyNamespace', () => {
  const name = 'kubernetes.io/metadata.name';

  it.each([
    [{}, true],
    [{ matchLabels: {} }, true],
    [{ matchExpressions: [{ key: name, operator: 'Exists' }] }, true],
    [
      { matchExpressions: [{ key: name, operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    [{ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, true],
    [
      { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    [{ matchExpressions: [{ key: name, operator: 'DoesNotExist' }] }, false],
    [{ matchLabels: { [name]: 'traefik' } }, false],
    [{ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, false],
    [
      {
        matchLabels: { team: 'a' },
        matchExpressions: [{ key: name, operator: 'Exists' }],
      },
      false,
    ],
    [{ matchExpressions: [{ key: name, operator: 'Equals' }] }, false],
    [undefined, false],
  ])('judges %j as %s', (selector, expected) => {
    expect(selectsAnyNamespace(selector)).toBe(expected);
  });
});

describe('namespace selectors', () => {
  it('decides on the metadata.name label without the Namespace object', () => {
    const selector = {
      matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
    };

    expect(namespaceSelectorMatches(selector, 'kube-system', context)).toBe(
      'yes',
    );
    expect(namespaceSelectorMatches(selector, 'a0008', context)).toBe('no');
  });

  it('leaves other labels unconfirmed until the Namespace is read', () => {
    const selector = {
      matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
    };
    const withNamespace = new EvaluationContext(
      resourceSet({
        resources: kubernetes(`
apiVersion: v1
kind: Namespace
metadata:
  name: ingress-nginx
  labels:
    app.kubernetes.io/name: ingress-nginx
`),
      }),
    );

    expect(namespaceSelectorMatches(selector, 'ingress-nginx', context)).toBe(
      'unconfirmed',
    );
    expect(
      namespaceSelectorMatches(selector, 'ingress-nginx', withNamespace),
    ).toBe('yes');
    expect(namespaceSelectorMatches(selector, 'other', withNamespace)).toBe(
      'unconfirmed',
    );
  });

  it('matches a peer without namespaceSelector to the policy namespace only', () => {
    const peer = classifyPeer({
      podSelector: { matchLabels: { app: 'traefik' } },
    } as any);
    const traefik = {
      labels: { app: 'traefik' },
      namespace: 'a0008',
      source: 'test',
      labelsPath: 'metadata.labels',
    };
    if (peer.kind !== 'pods') {
      throw new Error('expected a pods peer');
    }

    expect(
      peerSelectsPods(peer, policy('  podSelector: {}'), traefik, context),
    ).toBe('yes');
    expect(
      peerSelectsPods(
        peer,
        policy('  podSelector: {}'),
        { ...traefik, namespace: 'traefik' },
        context,
      ),
    ).toBe('no');
  });
});
