import { ContainerServiceClient } from '@azure/arm-containerservice';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/identity';
import { AzureCloud, resourceManagerScope } from './azureClouds';
import { AzureCredentials } from './AzureCredentials';

type Pipeline = ContainerServiceClient['pipeline'];
type PipelinePolicy = Parameters<Pipeline['addPolicy']>[0];

/** The management clients of one subscription. */
export interface SubscriptionClients {
  containerService: ContainerServiceClient;
  network: NetworkManagementClient;
  keyVault: KeyVaultManagementClient;
}

/** A request to a host other than the configured Resource Manager endpoint was stopped. */
export class EndpointNotAllowedError extends Error {
  readonly name = 'EndpointNotAllowedError';
}

/**
 * Creates and keeps the Azure management SDK clients: one set per
 * subscription, with the subscription's credential, and one Resource Graph
 * client per credential.
 *
 * Every client talks only to the configured cloud's Resource Manager
 * endpoint: a pipeline policy rejects any other origin before a token is
 * attached, which also covers `nextLink` URLs taken from responses. The SDK's
 * own retries and redirects are turned off, because the reads retry with
 * their own backoff and deadline. In @azure/core-rest-pipeline 1.25 the
 * SDK's default retry policy also retries 429 and 503 after `Retry-After`,
 * and `retryOptions.maxRetries: 0` turns that off too. So each 429 reaches
 * the read, which closes the shared throttle gate, and the retries of the
 * two layers do not multiply.
 */
export class AzureArmClients {
  readonly #cloud: AzureCloud;
  readonly #credentials: AzureCredentials;
  readonly #subscriptions = new Map<string, SubscriptionClients>();
  readonly #resourceGraph = new Map<string, ResourceGraphClient>();

  constructor(options: { cloud: AzureCloud; credentials: AzureCredentials }) {
    this.#cloud = options.cloud;
    this.#credentials = options.credentials;
  }

  forSubscription(subscriptionId: string): SubscriptionClients {
    const key = subscriptionId.toLowerCase();
    let clients = this.#subscriptions.get(key);
    if (!clients) {
      const { credential } = this.#credentials.forSubscription(key);
      const options = this.#clientOptions();
      clients = {
        containerService: this.#guard(
          new ContainerServiceClient(credential, key, options),
        ),
        network: this.#guard(
          new NetworkManagementClient(credential, key, options),
        ),
        keyVault: this.#guard(
          new KeyVaultManagementClient(credential, key, options),
        ),
      };
      this.#subscriptions.set(key, clients);
    }
    return clients;
  }

  /** Returns the Resource Graph client of one credential, by its key. */
  resourceGraph(credentialKey: string, credential: TokenCredential) {
    let client = this.#resourceGraph.get(credentialKey);
    if (!client) {
      client = this.#guard(
        new ResourceGraphClient(credential, this.#clientOptions()),
      );
      this.#resourceGraph.set(credentialKey, client);
    }
    return client;
  }

  #clientOptions() {
    return {
      endpoint: this.#cloud.resourceManagerEndpoint,
      credentials: { scopes: [resourceManagerScope(this.#cloud)] },
      retryOptions: { maxRetries: 0 },
      redirectOptions: { maxRetries: 0 },
      userAgentOptions: { userAgentPrefix: 'aks-traffic-security' },
    };
  }

  #guard<T extends { pipeline: Pipeline }>(client: T): T {
    client.pipeline.addPolicy(
      endpointGuard(this.#cloud.resourceManagerEndpoint),
      {
        phase: 'Serialize',
      },
    );
    return client;
  }
}

function endpointGuard(endpoint: string): PipelinePolicy {
  return {
    name: 'aksTrafficSecurityEndpointGuard',
    sendRequest(request, next) {
      const origin = new URL(request.url).origin;
      if (origin !== endpoint) {
        return Promise.reject(
          new EndpointNotAllowedError(
            `Refused a request to ${origin}, which is not the configured Azure Resource Manager endpoint ${endpoint}`,
          ),
        );
      }
      return next(request);
    },
  };
}
