import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { AssessmentRefresher } from './AssessmentRefresher';

/** The scheduler task id of the full refresh. */
export const REFRESH_TASK_ID = 'aks-traffic-security:refresh';

/**
 * Schedules the full refresh. The task's default `global` scope lets several
 * backend instances that share a database take turns instead of each
 * refreshing the whole fleet.
 */
export async function scheduleRefresh(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  refresher: AssessmentRefresher;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, schedule, refresher, logger } = options;

  await scheduler.scheduleTask({
    id: REFRESH_TASK_ID,
    ...schedule,
    fn: async () => {
      try {
        await refresher.refreshAll();
      } catch (error) {
        logger.error(
          'Failed to refresh AKS traffic security assessments',
          error as Error,
        );
        throw error;
      }
    },
  });
}
