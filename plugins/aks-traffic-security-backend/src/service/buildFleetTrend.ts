import {
  FleetTrendPoint,
  FleetTrendResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AssessmentStore } from '../database/AssessmentStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Builds the fleet trend of the given entities over the last `days` UTC
 * days, today included. Each entity counts on a day with its latest history
 * record as of the end of that day, so a day without a refresh repeats the
 * day before. Days before the first record of any of the entities have no
 * point.
 */
export async function buildFleetTrend(options: {
  store: Pick<AssessmentStore, 'getLatestHistory'>;
  entityRefs: string[];
  days: number;
  now: Date;
}): Promise<FleetTrendResponse> {
  const { store, entityRefs } = options;
  if (entityRefs.length === 0) {
    return { points: [] };
  }

  const todayStart = Math.floor(options.now.getTime() / DAY_MS) * DAY_MS;
  const firstDayStart = todayStart - (options.days - 1) * DAY_MS;

  // The failing checks of each entity's latest record so far. Querying the
  // records before the window once, then one day at a time, keeps the query
  // ranges disjoint instead of searching the whole history for each day.
  const failingChecks = new Map<string, number>();
  const earlier = await store.getLatestHistory({
    entityRefs,
    before: new Date(firstDayStart),
  });
  for (const [entityRef, record] of earlier) {
    failingChecks.set(entityRef, record.counts.fail);
  }

  const points: FleetTrendPoint[] = [];
  for (let start = firstDayStart; start <= todayStart; start += DAY_MS) {
    const records = await store.getLatestHistory({
      entityRefs,
      from: new Date(start),
      before: new Date(start + DAY_MS),
    });
    for (const [entityRef, record] of records) {
      failingChecks.set(entityRef, record.counts.fail);
    }

    if (failingChecks.size > 0) {
      points.push(summarizeDay(new Date(start), failingChecks));
    }
  }

  return { points };
}

function summarizeDay(
  day: Date,
  failingChecks: Map<string, number>,
): FleetTrendPoint {
  const counts = [...failingChecks.values()];
  return {
    date: day.toISOString().slice(0, 10),
    failingChecks: counts.reduce((sum, count) => sum + count, 0),
    failingEntities: counts.filter(count => count > 0).length,
    entities: counts.length,
  };
}
