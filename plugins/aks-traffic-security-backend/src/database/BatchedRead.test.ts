import { BatchedRead } from './BatchedRead';

describe('BatchedRead', () => {
  function createRead(values: Record<string, string>, maxBatchSize = 10) {
    const read = jest.fn(
      async (keys: string[]) =>
        new Map(
          keys.filter(key => key in values).map(key => [key, values[key]]),
        ),
    );
    return { batched: new BatchedRead(read, { maxBatchSize }), read };
  }

  it("reads one turn's keys together", async () => {
    const { batched, read } = createRead({ a: 'A', b: 'B', c: 'C' });

    const values = await Promise.all(['a', 'b', 'c'].map(k => batched.get(k)));

    expect(values).toEqual(['A', 'B', 'C']);
    expect(read.mock.calls).toEqual([[['a', 'b', 'c']]]);
  });

  it('reads a repeated key once', async () => {
    const { batched, read } = createRead({ a: 'A' });

    const values = await Promise.all([batched.get('a'), batched.get('a')]);

    expect(values).toEqual(['A', 'A']);
    expect(read.mock.calls).toEqual([[['a']]]);
  });

  it('resolves a missing key to undefined', async () => {
    const { batched } = createRead({ a: 'A' });

    const values = await Promise.all([batched.get('a'), batched.get('z')]);

    expect(values).toEqual(['A', undefined]);
  });

  it('splits reads at the batch size', async () => {
    const { batched, read } = createRead({ a: 'A', b: 'B', c: 'C' }, 2);

    await Promise.all(['a', 'b', 'c'].map(k => batched.get(k)));

    expect(read.mock.calls).toEqual([[['a', 'b']], [['c']]]);
  });

  it("reads a later turn's keys separately", async () => {
    const { batched, read } = createRead({ a: 'A', b: 'B' });

    await batched.get('a');
    await batched.get('b');

    expect(read.mock.calls).toEqual([[['a']], [['b']]]);
  });

  it("rejects a failed read's keys, then retries", async () => {
    const { batched, read } = createRead({ a: 'A', b: 'B' });
    read.mockRejectedValueOnce(new Error('connection reset'));

    const failed = await Promise.allSettled(
      ['a', 'b'].map(k => batched.get(k)),
    );
    const again = await batched.get('a');

    expect(failed.map(result => result.status)).toEqual([
      'rejected',
      'rejected',
    ]);
    expect(again).toBe('A');
  });
});
