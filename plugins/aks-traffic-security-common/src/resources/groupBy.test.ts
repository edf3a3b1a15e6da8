import { groupBy } from './groupBy';

describe('groupBy', () => {
  it('keeps the order within groups', () => {
    const groups = groupBy(['apple', 'bean', 'avocado', 'beet'], word =>
      word.charAt(0),
    );

    expect([...groups]).toEqual([
      ['a', ['apple', 'avocado']],
      ['b', ['bean', 'beet']],
    ]);
  });

  it('groups undefined keys together', () => {
    const groups = groupBy([{ ns: 'a' }, {}, { ns: 'a' }], item => item.ns);

    expect(groups.get('a')).toHaveLength(2);
    expect(groups.get(undefined)).toEqual([{}]);
  });
});
