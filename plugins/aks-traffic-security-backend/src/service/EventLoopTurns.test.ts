import { EventLoopTurns } from './EventLoopTurns';

describe('EventLoopTurns', () => {
  it('lets other callbacks run between turns', async () => {
    const turns = new EventLoopTurns();
    const order: string[] = [];

    const steps = ['a', 'b', 'c'].map(name =>
      turns.next().then(() => order.push(name)),
    );
    setImmediate(() => order.push('other'));
    await Promise.all(steps);

    expect(order).toEqual(['a', 'other', 'b', 'c']);
  });

  it('hands out turns in the order they were requested', async () => {
    const turns = new EventLoopTurns();
    const order: number[] = [];

    await Promise.all(
      [1, 2, 3, 4].map(step => turns.next().then(() => order.push(step))),
    );
    await turns.next();

    expect(order).toEqual([1, 2, 3, 4]);
  });
});
