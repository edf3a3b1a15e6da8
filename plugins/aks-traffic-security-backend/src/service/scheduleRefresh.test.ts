import { mockServices } from '@backstage/backend-test-utils';
import { AssessmentRefresher } from './AssessmentRefresher';
import {
  REFRESH_CHANGED_TASK_ID,
  REFRESH_TASK_ID,
  scheduleRefresh,
} from './scheduleRefresh';

const CHANGED_SCHEDULE = {
  frequency: { minutes: 2 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 2 },
};

describe('scheduleRefresh', () => {
  it('schedules the full refresh with the configured schedule', async () => {
    const scheduler = mockServices.scheduler.mock();
    const refreshAll = jest.fn().mockResolvedValue(undefined);
    const refresher = { refreshAll } as unknown as AssessmentRefresher;

    await scheduleRefresh({
      scheduler,
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 5 },
      },
      changedSchedule: CHANGED_SCHEDULE,
      refresher,
      logger: mockServices.logger.mock(),
    });
    const task = scheduler.scheduleTask.mock.calls[0][0];
    await task.fn(new AbortController().signal);

    expect(task.id).toBe(REFRESH_TASK_ID);
    expect(task.id).toBe('aks-traffic-security:refresh');
    expect(task.frequency).toEqual({ minutes: 30 });
    expect(task.timeout).toEqual({ minutes: 10 });
    expect(task.initialDelay).toEqual({ seconds: 5 });
    expect(refreshAll).toHaveBeenCalledTimes(1);
  });

  it('schedules the changed-entities refresh', async () => {
    const scheduler = mockServices.scheduler.mock();
    const refreshAll = jest.fn().mockResolvedValue(undefined);
    const refreshChanged = jest.fn().mockResolvedValue(undefined);
    const refresher = {
      refreshAll,
      refreshChanged,
    } as unknown as AssessmentRefresher;

    await scheduleRefresh({
      scheduler,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
      changedSchedule: CHANGED_SCHEDULE,
      refresher,
      logger: mockServices.logger.mock(),
    });
    const task = scheduler.scheduleTask.mock.calls[1][0];
    await task.fn(new AbortController().signal);

    expect(task.id).toBe(REFRESH_CHANGED_TASK_ID);
    expect(task.id).toBe('aks-traffic-security:refresh-changed');
    expect(task.frequency).toEqual({ minutes: 2 });
    expect(task.initialDelay).toEqual({ minutes: 2 });
    expect(refreshChanged).toHaveBeenCalledTimes(1);
    expect(refreshAll).not.toHaveBeenCalled();
  });

  it.each([
    {
      index: 0,
      method: 'refreshAll',
      message: 'Failed to refresh AKS traffic security assessments',
    },
    {
      index: 1,
      method: 'refreshChanged',
      message:
        'Failed to refresh the AKS traffic security assessments of changed entities',
    },
  ])(
    'logs and rethrows a failed $method',
    async ({ index, method, message }) => {
      const scheduler = mockServices.scheduler.mock();
      const logger = mockServices.logger.mock();
      const failure = new Error('Catalog unavailable');
      const refresher = {
        [method]: jest.fn().mockRejectedValue(failure),
      } as unknown as AssessmentRefresher;

      await scheduleRefresh({
        scheduler,
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
        changedSchedule: CHANGED_SCHEDULE,
        refresher,
        logger,
      });
      const task = scheduler.scheduleTask.mock.calls[index][0];

      await expect(task.fn(new AbortController().signal)).rejects.toBe(failure);
      expect(logger.error).toHaveBeenCalledWith(message, failure);
    },
  );
});
