import { LoggerService } from '@backstage/backend-plugin-api';
import {
  armIdKey,
  ArmResource,
  isJsonObject,
  JsonObject,
  ReadFailure,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ReadSession } from '../reads/ReadSession';
import {
  AttemptOutcome,
  FailedAttempt,
  FailedRead,
  ReadOutcome,
  ReadPolicy,
  runRead,
} from '../reads/runRead';
import { AzureArmClients } from './AzureArmClients';
import { AzureCredentials } from './AzureCredentials';
import { CapturedResponse, classifyAzureError } from './classifyAzureError';
import { getOperationFor } from './armGetOperations';
import { parseArmId } from './parseArmId';
import { toArmResource } from './toArmResource';

/** One resource read, or the failure that the checks report instead. */
export type ArmRead =
  | { ok: true; resource: ArmResource }
  | { ok: false; failure: ReadFailure };

/** The rule collection groups of one firewall policy, or the failure. */
export type ArmListRead =
  | { ok: true; resources: ArmResource[] }
  | { ok: false; failure: ReadFailure };

const RULE_COLLECTION_GROUP_TYPE =
  'Microsoft.Network/firewallPolicies/ruleCollectionGroups';

/** The page size asked of Resource Graph; 1000 is its maximum. */
const RESOURCE_GRAPH_PAGE_SIZE = 1000;

/**
 * Reads ARM resources with the management SDKs. Each read runs under the
 * read policy (concurrency limit, retries, timeout) and is stored in the
 * read session, so a resource is read once per session however many
 * entities reference it. A read never throws: a failure becomes a
 * `ReadFailure` for the resource id.
 */
export class ArmReader {
  readonly #clients: AzureArmClients;
  readonly #credentials: AzureCredentials;
  readonly #policy: ReadPolicy;
  readonly #logger: LoggerService;

  constructor(options: {
    clients: AzureArmClients;
    credentials: AzureCredentials;
    policy: ReadPolicy;
    logger: LoggerService;
  }) {
    this.#clients = options.clients;
    this.#credentials = options.credentials;
    this.#policy = options.policy;
    this.#logger = options.logger;
  }

  /** Reads one resource by its ARM id. */
  get(id: string, session: ReadSession): Promise<ArmRead> {
    return session.once(armReadKey(id), () => this.#get(id));
  }

  /** Drops the session's read of a resource, once no entity left needs it. */
  forget(id: string, session: ReadSession): void {
    session.forget(armReadKey(id));
  }

  /** Lists the rule collection groups of a firewall policy, following every `nextLink`. */
  listRuleCollectionGroups(
    policyId: string,
    session: ReadSession,
  ): Promise<ArmListRead> {
    return session.once(`arm-list:${policyId}/ruleCollectionGroups`, () =>
      this.#listRuleCollectionGroups(policyId),
    );
  }

  /**
   * Runs a Resource Graph query over some subscriptions that share one
   * credential, following every `$skipToken` page, and returns the rows.
   */
  queryResourceGraph(options: {
    subscriptionIds: string[];
    query: string;
    session: ReadSession;
  }): Promise<ReadOutcome<JsonObject[]>> {
    const subscriptionIds = [...new Set(options.subscriptionIds)].sort();
    const { key, credential } = this.#credentials.forSubscription(
      subscriptionIds[0],
    );
    return options.session.once(
      `resource-graph:${key}:${subscriptionIds.join(',')}:${options.query}`,
      () =>
        this.#logged(
          `Failed to run the Azure Resource Graph query over subscriptions ${subscriptionIds.join(
            ', ',
          )}`,
          runRead<JsonObject[]>(this.#policy, signal =>
            this.#queryAllPages({
              client: this.#clients.resourceGraph(key, credential),
              subscriptionIds,
              query: options.query,
              signal,
            }),
          ),
        ),
    );
  }

  async #queryAllPages(options: {
    client: ReturnType<AzureArmClients['resourceGraph']>;
    subscriptionIds: string[];
    query: string;
    signal: AbortSignal;
  }): Promise<AttemptOutcome<JsonObject[]>> {
    const rows: JsonObject[] = [];
    let skipToken: string | undefined;
    const last: { response?: CapturedResponse } = {};
    try {
      do {
        const page = await options.client.resources(
          {
            subscriptions: options.subscriptionIds,
            query: options.query,
            options: {
              resultFormat: 'objectArray',
              top: RESOURCE_GRAPH_PAGE_SIZE,
              skipToken,
            },
          },
          {
            abortSignal: options.signal,
            onResponse: response => {
              last.response = response;
            },
          },
        );
        if (!Array.isArray(page.data)) {
          return invalid('The Resource Graph response has no data array');
        }
        rows.push(...page.data.filter(isJsonObject));
        skipToken = page.skipToken || undefined;
      } while (skipToken);
    } catch (error) {
      return classifyAzureError(error, last.response, 'a Resource Graph query');
    } finally {
      // Releases the response, as the resource reads do.
      last.response = undefined;
    }
    return { ok: true, value: rows };
  }

  async #get(id: string): Promise<ArmRead> {
    const parsed = parseArmId(id);
    const operation = parsed ? getOperationFor(parsed.type) : undefined;
    if (!parsed || !operation) {
      return failed(id, {
        ok: false,
        reason: 'invalid-response',
        message: `'${id}' is not the ARM id of a resource type this source reads`,
      });
    }

    const outcome = await runRead<ArmResource>(this.#policy, async signal => {
      let captured: CapturedResponse | undefined;
      try {
        const model = await operation(
          this.#clients.forSubscription(parsed.subscriptionId),
          parsed,
          {
            abortSignal: signal,
            onResponse: response => {
              captured = response;
            },
          },
        );
        const resource = toArmResource({
          expectedId: id,
          expectedType: parsed.type,
          body: captured?.parsedBody,
          model,
          url: captured?.request.url ?? id,
          readAt: new Date().toISOString(),
        });
        return typeof resource === 'string'
          ? invalid(`The response for ${id} is not valid: ${resource}`)
          : { ok: true, value: resource };
      } catch (error) {
        return classifyAzureError(error, captured, id);
      } finally {
        // The HTTP client's request object keeps this callback, and so the
        // response with its body text, until its socket is used again.
        captured = undefined;
      }
    });
    this.#logFailure(`Failed to read the Azure resource ${id}`, outcome);
    return outcome.ok
      ? { ok: true, resource: outcome.value }
      : failed(id, outcome);
  }

  async #listRuleCollectionGroups(policyId: string): Promise<ArmListRead> {
    const parsed = parseArmId(policyId);
    if (
      !parsed ||
      parsed.type.toLowerCase() !== 'microsoft.network/firewallpolicies'
    ) {
      return failed(policyId, {
        ok: false,
        reason: 'invalid-response',
        message: `'${policyId}' is not the ARM id of a firewall policy`,
      });
    }

    const outcome = await runRead<ArmResource[]>(this.#policy, async signal => {
      let firstResponse: CapturedResponse | undefined;
      let pagesRead = 0;
      const resources: ArmResource[] = [];
      try {
        const pages = this.#clients
          .forSubscription(parsed.subscriptionId)
          .network.firewallPolicyRuleCollectionGroups.list(
            parsed.resourceGroup,
            parsed.names[0],
            {
              abortSignal: signal,
              onResponse: response => {
                firstResponse ??= response;
              },
            },
          )
          .byPage();
        const readAt = new Date().toISOString();
        for await (const page of pages) {
          for (const model of page) {
            const resource = toArmResource({
              expectedType: RULE_COLLECTION_GROUP_TYPE,
              model,
              url: firstResponse?.request.url ?? policyId,
              readAt,
            });
            if (typeof resource === 'string') {
              return invalid(
                `A rule collection group of ${policyId} is not valid: ${resource}`,
              );
            }
            resources.push(resource);
          }
          pagesRead += 1;
        }
      } catch (error) {
        // Only the first page's response is captured; a later page's
        // failure is classified from the error alone.
        return classifyAzureError(
          error,
          pagesRead === 0 ? firstResponse : undefined,
          `the rule collection groups of ${policyId}`,
        );
      }
      return { ok: true, value: resources };
    });
    this.#logFailure(
      `Failed to list the rule collection groups of ${policyId}`,
      outcome,
    );
    return outcome.ok
      ? { ok: true, resources: outcome.value }
      : failed(policyId, outcome);
  }

  async #logged<T>(
    message: string,
    read: Promise<ReadOutcome<T>>,
  ): Promise<ReadOutcome<T>> {
    const outcome = await read;
    this.#logFailure(message, outcome);
    return outcome;
  }

  #logFailure(message: string, outcome: ReadOutcome<unknown>) {
    if (!outcome.ok) {
      this.#logger.warn(message, {
        reason: outcome.reason,
        error: outcome.message,
      });
    }
  }
}

function invalid(message: string): FailedAttempt {
  return { ok: false, reason: 'invalid-response', message, retry: false };
}

function failed(
  target: string,
  outcome: FailedRead,
): { ok: false; failure: ReadFailure } {
  return {
    ok: false,
    failure: { target, reason: outcome.reason, message: outcome.message },
  };
}

function armReadKey(id: string): string {
  return `arm:${armIdKey(id)}`;
}
