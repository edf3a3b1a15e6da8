import { matchRuleHosts, sharedHostConflicts } from './sharedHostOptions';

describe('matchRuleHosts', () => {
  it.each([
    ['Host(`app.contoso.com`)', ['app.contoso.com']],
    [
      'Host(`A.contoso.com`, "b.contoso.com")',
      ['a.contoso.com', 'b.contoso.com'],
    ],
    [
      'Host(`a.contoso.com`) || Host(`b.contoso.com`)',
      ['a.contoso.com', 'b.contoso.com'],
    ],
    ['HostRegexp(`^.+\\.contoso\\.com$`)', []],
    ['PathPrefix(`/api`)', []],
  ])('reads the hosts of %s', (rule, hosts) => {
    expect(matchRuleHosts(rule)).toEqual(hosts);
  });
});

describe('sharedHostConflicts', () => {
  const router = (element: string, option: string, entryPoints?: string[]) => ({
    element,
    hosts: ['app.contoso.com'],
    entryPoints,
    option,
  });

  it('gives default to the routers of a host with two options', () => {
    const conflicts = sharedHostConflicts([
      router('a', 'strict@file'),
      router('b', 'ns-strict@kubernetescrd'),
    ]);

    expect([...conflicts.keys()]).toEqual(['a', 'b']);
    expect(conflicts.get('a')).toEqual([
      {
        resource: 'a',
        observed: 'app.contoso.com',
        note: 'b routes host app.contoso.com with TLS option ns-strict@kubernetescrd, so Traefik serves the host with TLS option default',
      },
    ]);
  });

  it('leaves out a router that names default', () => {
    const conflicts = sharedHostConflicts([
      router('a', 'strict@file'),
      router('b', 'default'),
    ]);

    expect([...conflicts.keys()]).toEqual(['a']);
  });

  it('compares routers on a common entry point only', () => {
    expect(
      sharedHostConflicts([
        router('a', 'strict@file', ['websecure']),
        router('b', 'other@file', ['internal']),
      ]).size,
    ).toBe(0);
    expect(
      sharedHostConflicts([
        router('a', 'strict@file', ['websecure']),
        router('b', 'other@file'),
      ]).size,
    ).toBe(2);
  });
});
