import { FleetQuery } from '../../api';
import { FleetFilterValues } from './fleetDefaults';

function splitList(value: string): string[] | undefined {
  const items = value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** Converts the typed filter values to the query of the fleet endpoints. */
export function toFleetQuery(values: FleetFilterValues): FleetQuery {
  return {
    owner: splitList(values.owner),
    system: splitList(values.system),
    cluster: values.cluster.trim() || undefined,
    flow: values.flow,
    verdict: values.verdict ? [values.verdict] : undefined,
    sort: values.sort,
    order: values.order,
  };
}
