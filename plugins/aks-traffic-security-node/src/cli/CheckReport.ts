import {
  Assessment,
  ReadFailure,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ResourceLocator } from './resourceLocations';

/**
 * Everything an output format prints about one run of the `check` command.
 *
 * @public
 */
export interface CheckReport {
  assessment: Assessment;
  /** The number of resources read. */
  resourceCount: number;
  /** The files that were read, relative to the working directory. */
  files: string[];
  /** Files in the walked directories that were not read as resources. */
  readFailures: ReadFailure[];
  locator: ResourceLocator;
}
