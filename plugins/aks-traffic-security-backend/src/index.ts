/**
 * The AKS traffic security backend plugin: resource sources, assessment
 * store, scheduled refresh, REST API and permissions.
 *
 * @packageDocumentation
 */

export { aksTrafficSecurityPlugin as default } from './plugin';
