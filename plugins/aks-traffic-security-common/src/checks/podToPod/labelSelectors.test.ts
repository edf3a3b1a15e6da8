import {
  isEmptySelector,
  matchesSelector,
  selectorRequirements,
} from './labelSelectors';

const POD = { 'app.kubernetes.io/name': 'aspnetapp', tier: 'web' };

describe('matchesSelector', () => {
  it('selects everything with an empty selector', () => {
    expect(matchesSelector({}, POD)).toBe(true);
    expect(matchesSelector({ matchLabels: {} }, {})).toBe(true);
  });

  it('requires every matchLabels entry', () => {
    expect(matchesSelector({ matchLabels: { tier: 'web' } }, POD)).toBe(true);
    expect(
      matchesSelector({ matchLabels: { tier: 'web', team: 'a' } }, POD),
    ).toBe(false);
  });

  it.each([
    [{ key: 'tier', operator: 'In', values: ['web', 'api'] }, true],
    [{ key: 'tier', operator: 'In', values: ['api'] }, false],
    [{ key: 'tier', operator: 'NotIn', values: ['api'] }, true],
    [{ key: 'team', operator: 'NotIn', values: ['a'] }, true],
    [{ key: 'tier', operator: 'NotIn', values: ['web'] }, false],
    [{ key: 'tier', operator: 'Exists' }, true],
    [{ key: 'team', operator: 'Exists' }, false],
    [{ key: 'team', operator: 'DoesNotExist' }, true],
    [{ key: 'tier', operator: 'DoesNotExist' }, false],
  ])('evaluates the expression %j as %s', (expression, expected) => {
    expect(matchesSelector({ matchExpressions: [expression] }, POD)).toBe(
      expected,
    );
  });

  it('combines matchLabels and matchExpressions', () => {
    const selector = {
      matchLabels: { 'app.kubernetes.io/name': 'aspnetapp' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['api'] }],
    };

    expect(matchesSelector(selector, POD)).toBe(false);
  });

  it('selects nothing with an invalid operator', () => {
    expect(
      selectorRequirements({
        matchExpressions: [{ key: 'tier', operator: 'Equals' }],
      }),
    ).toBeUndefined();
    expect(
      matchesSelector(
        { matchExpressions: [{ key: 'tier', operator: 'Equals' }] },
        POD,
      ),
    ).toBe(false);
  });

  it('tells empty selectors apart from absent ones', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector(undefined)).toBe(false);
    expect(isEmptySelector({ matchLabels: { tier: 'web' } })).toBe(false);
  });
});
