import fs from 'fs';
import path from 'path';

/**
 * A service rendered from the template by the scaffolder's dry run, with the
 * Traefik entry point and plain HTTP to the pods, kept as test data.
 */
export const RENDERED_SERVICE_DIRECTORY = path.resolve(
  __dirname,
  '../__fixtures__/rendered-service',
);

/** The template inputs that rendered the fixture service. */
export const RENDERED_SERVICE_INPUTS = {
  name: 'orders-api',
  owner: 'group:default/team-orders',
  system: 'system:default/shop',
  description: 'Takes and tracks customer orders',
  hostName: 'orders.contoso.com',
  clusterId:
    '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.ContainerService/managedClusters/aks-bu0001a0008-00',
  namespace: 'orders',
  applicationGatewayId:
    '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/applicationGateways/apw-aks-bu0001a0008',
  wafPolicyId:
    '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-aks-bu0001a0008',
  internalDomainSuffix: 'aks-ingress.contoso.com',
  keyVaultName: 'kv-aks-bu0001a0008',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  workloadIdentityClientId: '3f0b7c1e-52a4-4d8e-9b6c-0a1e2f3d4c5b',
  publicCertificateName: 'orders-contoso-com',
  internalCertificateName: 'traefik-ingress-internal-aks-ingress-tls',
  trustedRootCertificateName: 'appgw-ingress-internal-aks-ingress-tls',
  entryPoint: 'traefik-ingress',
  gatewayImplementation: 'traefik',
  tlsToPod: false,
  publishTarget: 'github',
};

/** Reads the fixture service as mock directory content, keyed by path. */
export function renderedServiceFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        walk(absolute);
      } else {
        const relative = path.relative(RENDERED_SERVICE_DIRECTORY, absolute);
        files[relative.split(path.sep).join('/')] = fs.readFileSync(
          absolute,
          'utf8',
        );
      }
    }
  };
  walk(RENDERED_SERVICE_DIRECTORY);
  return files;
}

/** Replaces text in one file of the fixture, failing when the text is absent. */
export function editFile(
  files: Record<string, string>,
  file: string,
  search: string | RegExp,
  replacement: string,
): Record<string, string> {
  const content = files[file];
  if (content === undefined) {
    throw new Error(`The fixture has no file ${file}`);
  }
  const edited = content.replace(search, replacement);
  if (edited === content) {
    throw new Error(`${String(search)} was not found in ${file}`);
  }
  return { ...files, [file]: edited };
}
