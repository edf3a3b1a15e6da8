import {
  Flow,
  FleetSortField,
  Severity,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * The filters and order of a fleet request. Every filter is optional, and
 * the list filters match when any of their values matches.
 *
 * @public
 */
export interface FleetQuery {
  /** Owner entity references; a bare name means a group in the default namespace. */
  owner?: string[];
  /** System entity references; a bare name means a system in the default namespace. */
  system?: string[];
  /** An AKS cluster's ARM id or name. */
  cluster?: string;
  /** The flow whose verdict `verdict` is compared with, instead of the overall verdict. */
  flow?: Flow;
  verdict?: Verdict[];
  /** A severity that entities match when at least one of their failing checks has it. */
  severity?: Severity;
  sort?: FleetSortField;
  order?: 'asc' | 'desc';
}

/**
 * The file formats of the fleet export.
 *
 * @public
 */
export type FleetExportFormat = 'csv' | 'json';

/**
 * A downloaded fleet export.
 *
 * @public
 */
export interface FleetExport {
  /** The file name the backend suggests in `Content-Disposition`. */
  fileName: string;
  content: Blob;
}
