import {
  FleetSortField,
  Flow,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

// This module imports no UI code, because the page extension in the app's
// initial bundle reads these defaults to request the first page early.

/** The values of the fleet filter inputs, as typed. */
export interface FleetFilterValues {
  owner: string;
  system: string;
  cluster: string;
  flow?: Flow;
  verdict?: Verdict;
  sort: FleetSortField;
  order: 'asc' | 'desc';
}

export const DEFAULT_FLEET_FILTERS: FleetFilterValues = {
  owner: '',
  system: '',
  cluster: '',
  sort: 'verdict',
  order: 'asc',
};

/** Page sizes offered below the table; the backend accepts up to 500. */
export const PAGE_SIZES = [25, 50, 100];
