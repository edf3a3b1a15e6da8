import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows reading an entity's traffic security status: its assessment, its
 * history, and its rows of the fleet summary and export. A resource
 * permission on catalog entities, so conditional catalog policies such as
 * "is entity owner" apply to it.
 *
 * @public
 */
export const assessmentReadPermission = createPermission({
  name: 'aks-traffic-security.assessment.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Allows refreshing an entity's assessment on demand. A refresh also needs
 * {@link assessmentReadPermission}, because it returns the new assessment.
 *
 * @public
 */
export const assessmentRefreshPermission = createPermission({
  name: 'aks-traffic-security.assessment.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the plugin.
 *
 * @public
 */
export const aksTrafficSecurityPermissions = [
  assessmentReadPermission,
  assessmentRefreshPermission,
];
