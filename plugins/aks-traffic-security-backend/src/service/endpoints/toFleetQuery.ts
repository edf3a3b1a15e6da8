import {
  Flow,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { z } from 'zod';
import { FleetFilter } from '../../database/AssessmentStore';
import { FleetQuery } from '../FleetService';
import { fleetFilterSchema } from './schemas';

type FleetFilterParams = z.infer<typeof fleetFilterSchema>;

/** Turns the validated query parameters into the fleet service's query. */
export function toFleetQuery(params: FleetFilterParams): FleetQuery {
  return {
    ...toFleetFilter(params),
    sort: params.sort,
    order: params.order,
  };
}

/** Turns the validated filter parameters into the fleet service's filter. */
export function toFleetFilter(
  params: Omit<FleetFilterParams, 'sort' | 'order'>,
): FleetFilter {
  return {
    owners: params.owner,
    systems: params.system,
    cluster: params.cluster,
    flow: params.flow as Flow | undefined,
    verdicts: params.verdict as Verdict[] | undefined,
    severity: params.severity,
  };
}
