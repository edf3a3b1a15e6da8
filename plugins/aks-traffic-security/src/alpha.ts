export { default } from './alpha/plugin';
export { entityTrafficSecurityContent } from './alpha/entityContents';
export { entityTrafficSecurityCard } from './alpha/entityCards';
export { fleetDashboardPage } from './alpha/pages';
