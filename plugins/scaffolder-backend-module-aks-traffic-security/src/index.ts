/**
 * Scaffolder actions for AKS traffic security: the pre-publish compliance
 * gate, local publishing and catalog registration of local repositories.
 *
 * @packageDocumentation
 */

export { scaffolderModuleAksTrafficSecurity as default } from './module';
export * from './actions';
