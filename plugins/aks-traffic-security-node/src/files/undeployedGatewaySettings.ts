import {
  isJsonObject,
  repositoryGateway,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { buildResourceSet } from './buildResourceSet';
import { ResourceFilesRead } from './readResourceFiles';

/** The top-level fields of the gateway file, which name the gateway and contain the collections. */
const RESOURCE_FIELDS = ['id', 'name', 'type', 'properties'];

/**
 * Lists the settings of the repository's gateway file that the deployment
 * does not send, given the `properties` keys it does send. The checks judge
 * the file as the gateway, so a gateway-wide `sslPolicy` there could pass a
 * listener that the live gateway serves with its own, weaker, default
 * policy. Returns one message per setting.
 */
export function undeployedGatewaySettings(
  read: ResourceFilesRead,
  gatewayId: string | undefined,
  deployedProperties: readonly string[],
): string[] {
  const gateway = repositoryGateway(buildResourceSet(read, { gatewayId }));
  if (!gateway) {
    return [];
  }

  const properties = isJsonObject(gateway.body.properties)
    ? gateway.body.properties
    : {};
  const undeployed = [
    ...Object.keys(gateway.body).filter(key => !RESOURCE_FIELDS.includes(key)),
    ...Object.keys(properties)
      .filter(key => !deployedProperties.includes(key))
      .map(key => `properties.${key}`),
  ];

  return undeployed.map(
    path =>
      `${
        gateway.origin.location
      } sets ${path}, which the deployment does not send, so the gateway keeps its live value. Remove it, or change the setting on the shared gateway (the deployment sends only properties.${deployedProperties.join(
        ', properties.',
      )})`,
  );
}
