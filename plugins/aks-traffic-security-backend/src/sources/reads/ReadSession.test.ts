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

    session.forget('ARM:/clusters/one');
    const again = await session.once('arm:/clusters/one', read);
    const other = await session.once('arm:/clusters/two', read);

    expect(again).toBe(3);
    expect(other).toBe(2);
    expect(session.startedReads).toBe(3);
  });

  it('forgets a group with all its reads', async () => {
    const session = new ReadSession();
    const read = countingRead();
    await session.group('kubernetes:/clusters/one').once('list:pods', read);
    await session.group('kubernetes:/clusters/two').once('list:pods', read);

    session.forget('Kubernetes:/clusters/one');
    const again = await session
      .group('kubernetes:/clusters/one')
      .once('list:pods', read);
    const other = await session
      .group('kubernetes:/clusters/two')
      .once('list:pods', read);

    expect(again).toBe(3);
    expect(other).toBe(2);
    expect(session.startedReads).toBe(3);
  });
});
