import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AccessToken,
  GetTokenOptions,
  TokenCredential,
} from '@azure/identity';
import { CredentialConfig } from '../../config/readAzureConfig';
import { AzureCloud } from './azureClouds';
import { CredentialFailedError } from './CredentialFailedError';
import { createTokenCredential } from './createTokenCredential';

const MAX_MESSAGE_LENGTH = 500;

/**
 * Wraps one credential: creates it on first use, shares concurrent token
 * requests for the same scopes, and turns every failure into a
 * `CredentialFailedError` whose message names the config key but no secret.
 */
export class GuardedCredential implements TokenCredential {
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
