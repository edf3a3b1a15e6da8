import {
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  TokenCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { CredentialConfig } from '../../config/readAzureConfig';
import { AzureCloud } from './azureClouds';
import { CredentialFailedError } from './CredentialFailedError';

/** The credential types that `aksTrafficSecurity.azure` accepts. */
export const CREDENTIAL_TYPES = [
  'default',
  'clientSecret',
  'workloadIdentity',
  'managedIdentity',
] as const;

const TENANT_ID = /^[0-9A-Za-z.-]+$/;

/**
 * Creates the `@azure/identity` credential that a credential block
 * configures, for one tenant. Throws a `CredentialFailedError` naming the
 * config key when the block is incomplete or invalid.
 *
 * With explicitly configured endpoints (`cloud.name` is `custom`), Entra ID
 * instance discovery is turned off, because it validates the authority host
 * with a request to login.microsoftonline.com, outside the configured cloud.
 */
export function createTokenCredential(
  config: CredentialConfig,
  options: { tenantId?: string; cloud: AzureCloud },
): TokenCredential {
  const { tenantId, cloud } = options;
  if (tenantId !== undefined && !TENANT_ID.test(tenantId)) {
    throw new CredentialFailedError(
      `Invalid tenant id '${tenantId}' for the credential in '${config.key}'; expected a tenant GUID or domain name`,
    );
  }
  const authority = {
    authorityHost: cloud.authorityHost,
    disableInstanceDiscovery: cloud.name === 'custom',
  };

  switch (config.type) {
    case 'default':
      return new DefaultAzureCredential({
        ...authority,
        tenantId,
        managedIdentityClientId: config.clientId,
        workloadIdentityClientId: config.clientId,
      });

    case 'clientSecret': {
      const missing = [
        tenantId === undefined ? 'tenantId' : undefined,
        config.clientId === undefined ? 'clientId' : undefined,
        config.clientSecret === undefined ? 'clientSecret' : undefined,
      ].filter(name => name !== undefined);
      if (missing.length > 0) {
        throw new CredentialFailedError(
          `Missing ${missing
            .map(name => `'${name}'`)
            .join(', ')} for the clientSecret credential in '${
            config.key
          }'; it needs tenantId (or the subscription's tenantId), clientId and clientSecret`,
        );
      }
      return new ClientSecretCredential(
        tenantId!,
        config.clientId!,
        config.clientSecret!,
        authority,
      );
    }

    case 'workloadIdentity':
      // The token file, and the tenant and client ids when not configured,
      // come from the environment variables that the AKS workload identity
      // webhook injects.
      return new WorkloadIdentityCredential({
        ...authority,
        tenantId,
        clientId: config.clientId,
      });

    case 'managedIdentity':
      return config.clientId
        ? new ManagedIdentityCredential({ clientId: config.clientId })
        : new ManagedIdentityCredential();

    default:
      throw new CredentialFailedError(
        `Invalid credential type '${config.type}' in '${
          config.key
        }'; expected one of ${CREDENTIAL_TYPES.join(', ')}`,
      );
  }
}
