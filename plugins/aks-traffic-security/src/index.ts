/**
 * Frontend plugin for AKS traffic security: the entity tab, the entity card
 * and the fleet dashboard.
 *
 * @packageDocumentation
 */

export {
  aksTrafficSecurityPlugin,
  EntityTrafficSecurityCard,
  EntityTrafficSecurityContent,
} from './plugin';
export {
  aksTrafficSecurityApiRef,
  AksTrafficSecurityClient,
  type AksTrafficSecurityApi,
} from './api';
export { isAksTrafficSecurityAvailable } from './annotations';
