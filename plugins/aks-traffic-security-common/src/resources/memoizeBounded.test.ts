import { memoizeBounded } from './memoizeBounded';

describe('memoizeBounded', () => {
  it('computes each input once', () => {
    const compute = jest.fn((input: string) => input.split('.'));
    const split = memoizeBounded(compute);

    const first = split('properties.sku.tier');
    const second = split('properties.sku.tier');

    expect(second).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('remembers an undefined result', () => {
    const compute = jest.fn((_input: string) => undefined);
    const lookup = memoizeBounded(compute);

    lookup('a');
    lookup('a');

    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('forgets everything past the limit', () => {
    const compute = jest.fn((input: string) => input.length);
    const length = memoizeBounded(compute, 2);

    length('a');
    length('bb');
    length('ccc');
    length('a');
    length('ccc');

    expect(compute.mock.calls.map(([input]) => input)).toEqual([
      'a',
      'bb',
      'ccc',
      'a',
    ]);
  });
});
