import { AzureAuthorityHosts } from '@azure/identity';

/** The endpoints of one Azure cloud that the Azure source talks to. */
export interface AzureCloud {
  /** The preset name, or `custom` when an endpoint is configured explicitly. */
  name: string;
  /** The Microsoft Entra ID authority host, such as `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** The Azure Resource Manager endpoint as an origin without a trailing slash. */
  resourceManagerEndpoint: string;
}

/**
 * The clouds with their Entra ID authority hosts (from `AzureAuthorityHosts`
 * of `@azure/identity`) and Azure Resource Manager endpoints (the ones the
 * `AzureClouds` setting of the generated management SDKs selects).
 */
export const AZURE_CLOUD_PRESETS: Readonly<Record<string, AzureCloud>> = {
  AzurePublicCloud: {
    name: 'AzurePublicCloud',
    authorityHost: AzureAuthorityHosts.AzurePublicCloud,
    resourceManagerEndpoint: 'https://management.azure.com',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    authorityHost: AzureAuthorityHosts.AzureChina,
    resourceManagerEndpoint: 'https://management.chinacloudapi.cn',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    authorityHost: AzureAuthorityHosts.AzureGovernment,
    resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
  },
};

/**
 * Returns the OAuth scope of Azure Resource Manager tokens in a cloud: the
 * endpoint with `/.default`, as `@azure-rest/core-client` derives the scope
 * from a client's endpoint when none is given.
 */
export function resourceManagerScope(cloud: AzureCloud): string {
  return `${cloud.resourceManagerEndpoint}/.default`;
}

/**
 * The Entra ID server application of AKS-managed Entra ID integration. An
 * AKS cluster with that integration accepts tokens issued for it.
 */
export const AKS_SERVER_APPLICATION_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
