import { LoggerService } from '@backstage/backend-plugin-api';
import type { TokenCredential } from '@azure/identity';
import { AzureSourceConfig } from '../../config/readAzureConfig';
import { createTokenCredential } from './createTokenCredential';
import { GuardedCredential } from './GuardedCredential';

/** The credential for the reads of one subscription. */
export interface SubscriptionCredential {
  /**
   * Names the credential block and tenant. Subscriptions with the same key
   * share one credential, so one Resource Graph query can cover them.
   */
  key: string;
  credential: TokenCredential;
}

/**
 * Hands out the credential of each subscription: the subscription's own
 * credential block, else `aksTrafficSecurity.azure.credential`, else
 * `DefaultAzureCredential`, for the subscription's tenant.
 *
 * Credentials are created on first use. A credential that cannot be created
 * or cannot get a token throws a `CredentialFailedError`, so the reads that
 * need it fail with reason `credential-failed` while the backend and the
 * other subscriptions go on. The failure is remembered until
 * {@link AzureCredentials.forgetFailures}, so one broken credential costs one
 * token request per read session rather than one per read.
 */
export class AzureCredentials {
  readonly #config: AzureSourceConfig;
  readonly #logger: LoggerService;
  readonly #create: typeof createTokenCredential;
  readonly #credentials = new Map<string, GuardedCredential>();

  constructor(options: {
    config: AzureSourceConfig;
    logger: LoggerService;
    /** Replaces the credential factory in tests. */
    createCredential?: typeof createTokenCredential;
  }) {
    this.#config = options.config;
    this.#logger = options.logger;
    this.#create = options.createCredential ?? createTokenCredential;
  }

  forSubscription(subscriptionId: string): SubscriptionCredential {
    const subscription = this.#config.subscriptions.find(
      candidate => candidate.id === subscriptionId.toLowerCase(),
    );
    const config = subscription?.credential ?? this.#config.credential;
    const tenantId = subscription?.credential
      ? subscription.credential.tenantId ?? subscription.tenantId
      : subscription?.tenantId ?? this.#config.credential.tenantId;

    const key = `${config.key}@${tenantId ?? 'default tenant'}`;
    let credential = this.#credentials.get(key);
    if (!credential) {
      credential = new GuardedCredential({
        config,
        tenantId,
        cloud: this.#config.cloud,
        create: this.#create,
        logger: this.#logger,
      });
      this.#credentials.set(key, credential);
    }
    return { key, credential };
  }

  /** Lets the next token request of every credential try again after a failure. */
  forgetFailures(): void {
    for (const credential of this.#credentials.values()) {
      credential.forgetFailures();
    }
  }
}
