import { ReadSession } from './ReadSession';

describe('ReadSession', () => {
  /** Returns a read that resolves to the number of times it was called. */
  function countingRead() {
    let calls = 0;
    return jest.fn(async () => {
      calls += 1;
      return calls;
    });
  }

  it('shares one read per key, whatever its case', async () => {
    const session = new ReadSession();
    const read = countingRead();

    const first = await session.once('arm:/subscriptions/A', read);
    const second = await session.once('ARM:/subscriptions/a', read);

    expect([first, second]).toEqual([1, 1]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads a forgotten key again and keeps the others', async () => {
    const session = new ReadSession();
    const read = countingRead();
    await session.once('arm:/clusters/one', read);
    await session.once('arm:/clusters/two', read);

    const dropped = session.forget('ARM:/clusters/one');
    const again = await session.once('arm:/clusters/one', read);
    const other = await session.once('arm:/clusters/two', read);

    expect(dropped).toBe(1);
    expect(again).toBe(3);
    expect(other).toBe(2);
    expect(session.startedReads).toBe(3);
  });

  it('forgets every key that starts with a prefix', async () => {
    const session = new ReadSession();
    const read = countingRead();
    await session.once('kubernetes:/clusters/one:shop:apps:deployments', read);
    await session.once(
      'kubernetes:/clusters/one::networking.k8s.io:ingresses',
      read,
    );
    await session.once('kubernetes:/clusters/one-more::apps:deployments', read);

    const dropped = session.forget('kubernetes:/clusters/one:', {
      prefix: true,
    });

    expect(dropped).toBe(2);
    expect(
      await session.once(
        'kubernetes:/clusters/one-more::apps:deployments',
        read,
      ),
    ).toBe(3);
    expect(session.forget('kubernetes:/clusters/one:', { prefix: true })).toBe(
      0,
    );
  });
});
