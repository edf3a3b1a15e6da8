export { aksTrafficSecurityApiRef } from './AksTrafficSecurityApi';
export type { AksTrafficSecurityApi } from './AksTrafficSecurityApi';
export { AksTrafficSecurityClient } from './AksTrafficSecurityClient';
