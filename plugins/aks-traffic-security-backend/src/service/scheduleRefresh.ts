import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { AssessmentRefresher } from './AssessmentRefresher';

/** The scheduler task id of the full refresh. */
export const REFRESH_TASK_ID = 'aks-traffic-security:refresh';

/** The scheduler task id of the refresh of changed entities. */
export const REFRESH_CHANGED_TASK_ID = 'aks-traffic-security:refresh-changed';

/**
 * Schedules the full refresh and the refresh of changed entities. The tasks'
 * default `global` scope lets several backend instances that share a
 * database take turns instead of each refreshing the whole fleet.
 */
export async function scheduleRefresh(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  changedSchedule: SchedulerServiceTaskScheduleDefinition;
  refresher: AssessmentRefresher;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, refresher, logger } = options;
  const tasks = [
    {
      id: REFRESH_TASK_ID,
      schedule: options.schedule,
      run: () => refresher.refreshAll(),
      failure: 'Failed to refresh AKS traffic security assessments',
    },
    {
      id: REFRESH_CHANGED_TASK_ID,
      schedule: options.changedSchedule,
      run: () => refresher.refreshChanged(),
      failure:
        'Failed to refresh the AKS traffic security assessments of changed entities',
    },
  ];

  for (const { id, schedule, run, failure } of tasks) {
    await scheduler.scheduleTask({
      id,
      ...schedule,
      fn: async () => {
        try {
          await run();
        } catch (error) {
          logger.error(failure, error as Error);
          throw error;
        }
      },
    });
  }
}
