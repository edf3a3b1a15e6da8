import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AccessToken,
  GetTokenOptions,
  TokenCredential,
} from '@azure/identity';
import {
  AzureSourceConfig,
  CredentialConfig,
} from '../../config/readAzureConfig';
import { AzureCloud } from './azureClouds';
import { CredentialFailedError } from './CredentialFailedError';
import { createTokenCredential } from './createTokenCredential';

/** The credential for the reads of one subscription. */
export interface SubscriptionCredential {
  /**
   * Names the credential block and tenant. Subscriptions with the same key
   * share one credential, so one Resource Graph query can cover them.
   */
  key: string;
  credential: TokenCredential;
}

const MAX_MESSAGE_LENGTH = 500;

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

/**
 * Wraps one credential: creates it on first use, shares concurrent token
 * requests for the same scopes, and turns every failure into a
 * `CredentialFailedError` whose message names the config key but no secret.
 */
class GuardedCredential implements TokenCredential {
  readonly #config: CredentialConfig;
  readonly #tenantId: string | undefined;
  readonly #cloud: AzureCloud;
  readonly #create: typeof createTokenCredential;
  readonly #logger: LoggerService;
  #credential: TokenCredential | undefined;
  readonly #failures = new Map<string, CredentialFailedError>();
  readonly #inFlight = new Map<string, Promise<AccessToken>>();

  constructor(options: {
    config: CredentialConfig;
    tenantId: string | undefined;
    cloud: AzureCloud;
    create: typeof createTokenCredential;
    logger: LoggerService;
  }) {
    this.#config = options.config;
    this.#tenantId = options.tenantId;
    this.#cloud = options.cloud;
    this.#create = options.create;
    this.#logger = options.logger;
  }

  forgetFailures(): void {
    this.#failures.clear();
  }

  async getToken(
    scopes: string | string[],
    _options?: GetTokenOptions,
  ): Promise<AccessToken> {
    const scopeKey = [scopes].flat().join(' ');
    const failure = this.#failures.get(scopeKey);
    if (failure) {
      throw failure;
    }

    // The caller's abort signal is not passed on, because the request is
    // shared; each read enforces its own deadline.
    let request = this.#inFlight.get(scopeKey);
    if (!request) {
      request = this.#requestToken(scopes, scopeKey).finally(() => {
        this.#inFlight.delete(scopeKey);
      });
      this.#inFlight.set(scopeKey, request);
    }
    return request;
  }

  async #requestToken(
    scopes: string | string[],
    scopeKey: string,
  ): Promise<AccessToken> {
    try {
      this.#credential ??= this.#create(this.#config, {
        tenantId: this.#tenantId,
        cloud: this.#cloud,
      });
      const token = await this.#credential.getToken(scopes);
      if (!token) {
        throw new Error('the credential returned no token');
      }
      return token;
    } catch (error) {
      const failure = this.#describeFailure(error);
      this.#failures.set(scopeKey, failure);
      this.#logger.warn('Failed to get an Azure access token', {
        credential: this.#config.key,
        tenantId: this.#tenantId,
        scope: scopeKey,
        error: failure.message,
      });
      throw failure;
    }
  }

  #describeFailure(error: unknown): CredentialFailedError {
    if (error instanceof CredentialFailedError) {
      return error;
    }
    const name = error instanceof Error ? error.name : 'Error';
    const detail = redact(
      error instanceof Error ? error.message : String(error),
      this.#config.clientSecret,
    );
    return new CredentialFailedError(
      `The ${this.#config.type} credential in '${this.#config.key}' (tenant ${
        this.#tenantId ?? 'default'
      }) could not get a token: ${name}: ${detail}`,
    );
  }
}

/**
 * Removes a configured secret from an error message, joins its lines and
 * cuts it to 500 characters, because identity errors append long
 * troubleshooting text.
 */
function redact(message: string, secret: string | undefined): string {
  let text = message.replace(/\s+/g, ' ').trim();
  if (secret) {
    text = text.split(secret).join('[redacted]');
  }
  return text.length > MAX_MESSAGE_LENGTH
    ? `${text.slice(0, MAX_MESSAGE_LENGTH)}...`
    : text;
}
