import {
  cidrContains,
  coverAllAddresses,
  isAnyAddress,
  isRfc1918,
  parseCidr,
  reachesInternet,
} from './cidr';

describe('parseCidr', () => {
  it('parses IPv4 ranges and clears host bits', () => {
    const range = parseCidr('10.240.5.17/24');
    expect(range?.version).toBe(4);
    expect(range?.prefixLength).toBe(24);
    expect(range?.network).toBe(parseCidr('10.240.5.0/24')?.network);
  });

  it('reads a bare address as a single host', () => {
    expect(parseCidr('203.0.113.7')?.prefixLength).toBe(32);
    expect(parseCidr('2001:db8::1')?.prefixLength).toBe(128);
  });

  it('parses IPv6 ranges', () => {
    expect(parseCidr('::/0')?.prefixLength).toBe(0);
    expect(parseCidr('2001:db8::/32')?.version).toBe(6);
    expect(parseCidr('::ffff:10.0.0.1')?.version).toBe(6);
  });

  it.each([
    'AzureCloud',
    '*',
    '10.0.0.1-10.0.0.9',
    '10.0.0.0/33',
    '256.0.0.0/8',
    '1:2:3',
    '',
  ])('rejects %p', text => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('cidr predicates', () => {
  it('tests containment', () => {
    expect(
      cidrContains(parseCidr('10.240.0.0/16')!, parseCidr('10.240.5.0/24')!),
    ).toBe(true);
    expect(
      cidrContains(parseCidr('10.240.5.0/24')!, parseCidr('10.240.0.0/16')!),
    ).toBe(false);
    expect(cidrContains(parseCidr('0.0.0.0/0')!, parseCidr('::/0')!)).toBe(
      false,
    );
  });

  it('recognises RFC 1918 ranges', () => {
    expect(isRfc1918(parseCidr('172.20.0.0/16')!)).toBe(true);
    expect(isRfc1918(parseCidr('203.0.113.0/24')!)).toBe(false);
  });

  it('tells internet ranges apart', () => {
    expect(reachesInternet(parseCidr('8.8.8.8/32')!)).toBe(true);
    expect(reachesInternet(parseCidr('100.64.1.0/24')!)).toBe(false);
    expect(reachesInternet(parseCidr('fd00::/8')!)).toBe(false);
    expect(isAnyAddress(parseCidr('0.0.0.0/0')!)).toBe(true);
  });
});

describe('coverAllAddresses', () => {
  const cidrs = (...texts: string[]) => texts.map(text => parseCidr(text)!);

  it.each([
    [['0.0.0.0/0'], 4, true],
    [['0.0.0.0/1', '128.0.0.0/1'], 4, true],
    [['128.0.0.0/1', '0.0.0.0/2', '64.0.0.0/2'], 4, true],
    [['0.0.0.0/1', '128.0.0.0/2'], 4, false],
    [['0.0.0.0/1', '128.0.0.0/1'], 6, false],
    [['::/1', '8000::/1'], 6, true],
    [[], 4, false],
  ] as const)('covers %j in IPv%s: %s', (texts, version, expected) => {
    expect(coverAllAddresses(cidrs(...texts), version)).toBe(expected);
  });
});
