export { EntityTrafficSecurityContent } from './EntityTrafficSecurityContent';
