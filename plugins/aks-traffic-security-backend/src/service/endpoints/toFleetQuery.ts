import {
  Flow,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { z } from 'zod';
import { FleetQuery } from '../FleetService';
import { fleetFilterSchema } from './schemas';

/** Turns the validated query parameters into the fleet service's query. */
export function toFleetQuery(
  params: z.infer<typeof fleetFilterSchema>,
): FleetQuery {
  return {
    owners: params.owner,
    systems: params.system,
    cluster: params.cluster,
    flow: params.flow as Flow | undefined,
    verdicts: params.verdict as Verdict[] | undefined,
    severity: params.severity,
    sort: params.sort,
    order: params.order,
  };
}
