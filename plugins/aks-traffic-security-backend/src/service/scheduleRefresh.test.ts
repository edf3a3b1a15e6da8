import { mockServices } from '@backstage/backend-test-utils';
import { AssessmentRefresher } from './AssessmentRefresher';
import { REFRESH_TASK_ID, scheduleRefresh } from './scheduleRefresh';

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

  it('logs and rethrows a failed refresh', async () => {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    const failure = new Error('Catalog unavailable');
    const refresher = {
      refreshAll: jest.fn().mockRejectedValue(failure),
    } as unknown as AssessmentRefresher;

    await scheduleRefresh({
      scheduler,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
      refresher,
      logger,
    });
    const task = scheduler.scheduleTask.mock.calls[0][0];

    await expect(task.fn(new AbortController().signal)).rejects.toBe(failure);
    expect(logger.error).toHaveBeenCalledWith(
      'Failed to refresh AKS traffic security assessments',
      failure,
    );
  });
});
