import { mockServices } from '@backstage/backend-test-utils';
import { ThrottleGate } from './ThrottleGate';

/** Tells whether a promise has settled, after letting pending callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('ThrottleGate', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('is open until closed', async () => {
    const gate = new ThrottleGate({ name: 'ARM' });

    expect(gate.isOpen()).toBe(true);
    await expect(gate.waitUntilOpen()).resolves.toBe(true);
    expect(gate.pauses).toBe(0);
  });

  it('opens at the time it was closed until', async () => {
    const gate = new ThrottleGate({ name: 'ARM' });
    gate.closeUntil(Date.now() + 1000);

    const opened = gate.waitUntilOpen();

    expect(gate.isOpen()).toBe(false);
    await jest.advanceTimersByTimeAsync(999);
    expect(await settled(opened)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(opened).resolves.toBe(true);
    expect(gate.isOpen()).toBe(true);
  });

  it('keeps the later of two closing times', () => {
    const gate = new ThrottleGate({ name: 'ARM' });
    const now = Date.now();

    gate.closeUntil(now + 1000);
    gate.closeUntil(now + 500);
    expect(gate.reopensAt).toBe(now + 1000);

    gate.closeUntil(now + 2000);
    expect(gate.reopensAt).toBe(now + 2000);
  });

  it('waits again when closed for longer meanwhile', async () => {
    const gate = new ThrottleGate({ name: 'ARM' });
    const start = Date.now();
    gate.closeUntil(start + 100);

    const opened = gate.waitUntilOpen();
    await jest.advanceTimersByTimeAsync(50);
    gate.closeUntil(start + 350);
    await jest.advanceTimersByTimeAsync(100);

    expect(await settled(opened)).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    await expect(opened).resolves.toBe(true);
    expect(Date.now()).toBe(start + 350);
  });

  it('returns false at once when closed past the deadline', async () => {
    const gate = new ThrottleGate({ name: 'ARM' });
    const start = Date.now();
    gate.closeUntil(start + 1000);

    await expect(gate.waitUntilOpen(start + 500)).resolves.toBe(false);
    expect(Date.now()).toBe(start);
  });

  it('returns false when closed past the deadline while waiting', async () => {
    const gate = new ThrottleGate({ name: 'ARM' });
    const start = Date.now();
    gate.closeUntil(start + 100);

    const opened = gate.waitUntilOpen(start + 500);
    await jest.advanceTimersByTimeAsync(50);
    gate.closeUntil(start + 1000);
    await jest.advanceTimersByTimeAsync(50);

    await expect(opened).resolves.toBe(false);
    expect(Date.now()).toBe(start + 100);
  });

  it('counts and logs a pause once per closing', async () => {
    const logger = mockServices.logger.mock();
    const gate = new ThrottleGate({ name: 'ARM at https://arm.test', logger });
    const start = Date.now();

    gate.closeUntil(start + 1000);
    gate.closeUntil(start + 1200);
    expect(gate.pauses).toBe(1);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'Pausing requests to ARM at https://arm.test for 1000 ms after a 429 response',
      { endpoint: 'ARM at https://arm.test', pauseMs: 1000 },
    );

    await jest.advanceTimersByTimeAsync(1200);
    gate.closeUntil(Date.now() + 300);
    expect(gate.pauses).toBe(2);
    expect(logger.info).toHaveBeenCalledTimes(2);
  });

  it('ignores a closing time in the past', () => {
    const logger = mockServices.logger.mock();
    const gate = new ThrottleGate({ name: 'ARM', logger });

    gate.closeUntil(Date.now() - 10);

    expect(gate.isOpen()).toBe(true);
    expect(gate.pauses).toBe(0);
    expect(logger.info).not.toHaveBeenCalled();
  });
});
