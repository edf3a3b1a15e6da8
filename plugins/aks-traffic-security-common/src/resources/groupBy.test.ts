import { groupBy, indexBy } from './groupBy';

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

describe('indexBy', () => {
  it('keeps the first value of a key', () => {
    const index = indexBy(['apple', 'bean', 'avocado'], word => word.charAt(0));

    expect(index.get('a')).toBe('apple');
    expect(index.get('b')).toBe('bean');
    expect(index.size).toBe(2);
  });
});
