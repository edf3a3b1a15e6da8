import { CheckDefinition } from '../types';
import { apiServerExposure } from './apiServerExposure';
import { authorizedIpRangesValid } from './authorizedIpRangesValid';
import { entraId } from './entraId';
import { localAccountsDisabled } from './localAccountsDisabled';
import { rbacEnabled } from './rbacEnabled';
import { managedIdentity } from './managedIdentity';
import { workloadIdentity } from './workloadIdentity';
import { runCommandDisabled } from './runCommandDisabled';

/** Management flow checks, in catalog order. */
export const managementChecks: CheckDefinition[] = [
  apiServerExposure,
  authorizedIpRangesValid,
  entraId,
  localAccountsDisabled,
  rbacEnabled,
  managedIdentity,
  workloadIdentity,
  runCommandDisabled,
];
