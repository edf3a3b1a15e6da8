import {
  ipv4InNetwork,
  isPrivateAddress,
  parseIpv4,
  parseIpv4Cidr,
} from './ipAddresses';

describe('isPrivateAddress', () => {
  it.each([
    ['10.240.4.4', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['20.1.2.3', false],
    ['fd00::4', true],
    ['2001:db8::1', false],
    ['backend.contoso.com', undefined],
    ['10.0.0.256', undefined],
  ])('rates %s as %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('ipv4InNetwork', () => {
  it('tests membership by prefix', () => {
    const network = parseIpv4Cidr('10.240.0.0/16')!;

    expect(ipv4InNetwork(parseIpv4('10.240.4.4')!, network)).toBe(true);
    expect(ipv4InNetwork(parseIpv4('10.241.0.1')!, network)).toBe(false);
    expect(
      ipv4InNetwork(parseIpv4('10.240.4.4')!, parseIpv4Cidr('10.240.4.4')!),
    ).toBe(true);
    expect(parseIpv4Cidr('10.0.0.0/33')).toBeUndefined();
  });
});
