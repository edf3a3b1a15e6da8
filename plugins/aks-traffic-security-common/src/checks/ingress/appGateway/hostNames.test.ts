import { hostMatches, isUnderDomain, listenerHostNames } from './hostNames';

describe('hostMatches', () => {
  it.each([
    ['bicycle.contoso.com', 'BICYCLE.contoso.com', true],
    ['*.contoso.com', 'bicycle.contoso.com', true],
    ['*.contoso.com', 'contoso.com', false],
    ['*.contoso.com', 'a.bicycle.contoso.com', false],
    ['bicycle?.contoso.com', 'bicycle1.contoso.com', true],
    ['bicycle.contoso.com', '*.contoso.com', true],
    ['bicycle.contoso.com', 'tricycle.contoso.com', false],
  ])('matches %s to %s: %s', (listenerHost, serviceHost, expected) => {
    expect(hostMatches(listenerHost, serviceHost)).toBe(expected);
  });
});

describe('listenerHostNames', () => {
  it('reads hostName and hostNames', () => {
    expect(
      listenerHostNames({ hostName: 'a.contoso.com', hostNames: [] }),
    ).toEqual(['a.contoso.com']);
    expect(
      listenerHostNames({
        hostName: '',
        hostNames: ['*.contoso.com', 'b.contoso.com'],
      }),
    ).toEqual(['*.contoso.com', 'b.contoso.com']);
    expect(listenerHostNames({})).toEqual([]);
  });
});

describe('isUnderDomain', () => {
  it('accepts names under the suffix only', () => {
    expect(
      isUnderDomain(
        'bu0001a0008-00.aks-ingress.contoso.com',
        'aks-ingress.contoso.com',
      ),
    ).toBe(true);
    expect(
      isUnderDomain(
        'bu0001a0008-00.aks-ingress.contoso.com',
        '*.aks-ingress.contoso.com',
      ),
    ).toBe(true);
    expect(
      isUnderDomain('evil-aks-ingress.contoso.com', 'aks-ingress.contoso.com'),
    ).toBe(false);
  });
});
