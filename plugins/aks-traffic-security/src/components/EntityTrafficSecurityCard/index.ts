export { EntityTrafficSecurityCard } from './EntityTrafficSecurityCard';
