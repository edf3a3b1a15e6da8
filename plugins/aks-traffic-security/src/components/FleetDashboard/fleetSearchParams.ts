import {
  FLEET_SORT_FIELDS,
  FleetSortField,
  Flow,
  FLOWS,
  isVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  DEFAULT_FLEET_FILTERS,
  FleetFilterValues,
  PAGE_SIZES,
} from './fleetDefaults';

// This module imports no UI code, because the page extension reads the
// URL's view to request the first page early.

/** The fleet dashboard's filters, page and page size, as kept in the URL. */
export interface FleetView {
  filters: FleetFilterValues;
  /** The zero-based page index. */
  page: number;
  pageSize: number;
}

export const DEFAULT_FLEET_VIEW: FleetView = {
  filters: DEFAULT_FLEET_FILTERS,
  page: 0,
  pageSize: PAGE_SIZES[0],
};

function isFlow(value: string | null): value is Flow {
  return FLOWS.includes(value as Flow);
}

function isSortField(value: string | null): value is FleetSortField {
  return FLEET_SORT_FIELDS.includes(value as FleetSortField);
}

/** Parses a positive integer, or returns `undefined` for anything else. */
function parsePositiveInteger(value: string | null): number | undefined {
  if (value === null || !/^[1-9][0-9]*$/.test(value)) {
    return undefined;
  }
  return Number(value);
}

/**
 * Reads the fleet view from the URL's query parameters. A missing or
 * invalid parameter, as in a hand-edited or outdated link, takes its default.
 */
export function parseFleetView(params: URLSearchParams): FleetView {
  const defaults = DEFAULT_FLEET_FILTERS;
  const flow = params.get('flow');
  const verdict = params.get('verdict');
  const sort = params.get('sort');
  const order = params.get('order');
  const pageSize = parsePositiveInteger(params.get('pageSize'));
  // The URL counts pages from 1, as the table's range label does.
  const pageNumber = parsePositiveInteger(params.get('page')) ?? 1;

  return {
    filters: {
      owner: params.get('owner') ?? defaults.owner,
      system: params.get('system') ?? defaults.system,
      cluster: params.get('cluster') ?? defaults.cluster,
      flow: isFlow(flow) ? flow : undefined,
      verdict: isVerdict(verdict) ? verdict : undefined,
      sort: isSortField(sort) ? sort : defaults.sort,
      order: order === 'asc' || order === 'desc' ? order : defaults.order,
    },
    page: pageNumber - 1,
    pageSize:
      pageSize !== undefined && PAGE_SIZES.includes(pageSize)
        ? pageSize
        : DEFAULT_FLEET_VIEW.pageSize,
  };
}

/**
 * Writes the fleet view as query parameters, leaving out every value that
 * equals its default so that shared links stay short.
 */
export function toFleetSearchParams(view: FleetView): URLSearchParams {
  const { filters } = view;
  const defaults = DEFAULT_FLEET_FILTERS;
  const params = new URLSearchParams();

  for (const name of ['owner', 'system', 'cluster'] as const) {
    if (filters[name] !== defaults[name]) {
      params.set(name, filters[name]);
    }
  }
  if (filters.flow) {
    params.set('flow', filters.flow);
  }
  if (filters.verdict) {
    params.set('verdict', filters.verdict);
  }
  if (filters.sort !== defaults.sort) {
    params.set('sort', filters.sort);
  }
  if (filters.order !== defaults.order) {
    params.set('order', filters.order);
  }
  if (view.page > 0) {
    params.set('page', String(view.page + 1));
  }
  if (view.pageSize !== DEFAULT_FLEET_VIEW.pageSize) {
    params.set('pageSize', String(view.pageSize));
  }
  return params;
}
