import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the AKS traffic security backend plugin. */
  aksTrafficSecurity?: {
    /**
     * The resource source. `snapshot` reads a directory of exported files;
     * `azure` reads Azure Resource Manager and the clusters' Kubernetes API
     * live. Defaults to `snapshot`.
     */
    source?: 'snapshot' | 'azure';

    /** The live Azure source, used when `source` is `azure`. */
    azure?: {
      /**
       * The Azure cloud: `AzurePublicCloud`, `AzureChinaCloud` or
       * `AzureUSGovernment`. Defaults to `AzurePublicCloud`.
       */
      cloud?: 'AzurePublicCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';
      /**
       * The Microsoft Entra ID authority host, in place of the cloud's, such
       * as `https://login.microsoftonline.us`. Setting it or
       * `resourceManagerEndpoint` turns off Entra ID instance discovery.
       */
      authorityHost?: string;
      /**
       * The Azure Resource Manager endpoint, in place of the cloud's, such as
       * `https://management.usgovcloudapi.net`. Requests go to no other host.
       */
      resourceManagerEndpoint?: string;
      /**
       * The credential of every subscription that names none. Defaults to
       * `DefaultAzureCredential`.
       */
      credential?: {
        /**
         * `default` (DefaultAzureCredential), `clientSecret`,
         * `workloadIdentity` or `managedIdentity`. Defaults to `default`.
         */
        type?:
          | 'default'
          | 'clientSecret'
          | 'workloadIdentity'
          | 'managedIdentity';
        /** The Entra ID tenant. Required for `clientSecret` unless each subscription names its tenant. */
        tenantId?: string;
        /**
         * The application (client) id: required for `clientSecret`, the
         * user-assigned identity for `managedIdentity` and `default`, and
         * optional for `workloadIdentity` (else `AZURE_CLIENT_ID`).
         */
        clientId?: string;
        /**
         * The client secret, for `clientSecret`.
         * @visibility secret
         */
        clientSecret?: string;
      };
      /**
       * The subscriptions that fleet discovery searches with Azure Resource
       * Graph for firewalls and Key Vaults, each with its tenant or its own
       * credential. The subscriptions that entities name are searched too.
       */
      subscriptions?: Array<{
        /** The subscription id. */
        id: string;
        /** The subscription's Entra ID tenant, when it differs from the credential's. */
        tenantId?: string;
        /** A credential for this subscription in place of the default one. */
        credential?: {
          /** `default`, `clientSecret`, `workloadIdentity` or `managedIdentity`. Defaults to `default`. */
          type?:
            | 'default'
            | 'clientSecret'
            | 'workloadIdentity'
            | 'managedIdentity';
          /** The Entra ID tenant. Defaults to the subscription's `tenantId`. */
          tenantId?: string;
          /** The application (client) id. */
          clientId?: string;
          /**
           * The client secret, for `clientSecret`.
           * @visibility secret
           */
          clientSecret?: string;
        };
      }>;
      /** The maximum number of Azure Resource Manager and Resource Graph requests in flight at once, 1 to 64. Defaults to 8. */
      maxConcurrency?: number;
      /** How many times a timed-out or failed (5xx) request is retried, 0 to 10. Defaults to 3. A 429 does not count against it. A 429 pauses the endpoint's reads for its `Retry-After`, and the read retries it up to 20 times within the read timeout. */
      maxRetries?: number;
      /** The first wait between retries, doubled on each retry, when no `Retry-After` is given. Defaults to `{ seconds: 1 }`. */
      retryDelay?: HumanDuration | string;
      /** How long one read may take, retries and waits included. Defaults to `{ seconds: 60 }`. */
      readTimeout?: HumanDuration | string;
    };

    /**
     * The clusters whose Kubernetes API the `azure` source reads, with
     * read-only list requests. Entities of other clusters get `unknown`
     * Kubernetes checks.
     */
    kubernetes?: {
      /**
       * The namespaces searched for the ingress controller's Deployment,
       * Service, ConfigMap, Traefik TLSOption, NetworkPolicy and
       * SecretProviderClass objects. Defaults to `traefik`,
       * `app-routing-system` and `ingress-nginx`.
       */
      ingressControllerNamespaces?: string[];
      /** The maximum number of Kubernetes requests in flight at once, over all clusters, 1 to 256. Defaults to 32. */
      maxConcurrency?: number;
      clusters?: Array<{
        /** The ARM id of the AKS cluster, as the entities' `aks-traffic-security.io/cluster-id` annotation names it. */
        clusterId: string;
        /** The API server URL; https, or http on a loopback host such as kubectl proxy. */
        url: string;
        /** The API server's CA certificate bundle, base64-encoded PEM. */
        caData?: string;
        /** Skips TLS certificate verification of the API server. Defaults to false. */
        skipTLSVerify?: boolean;
        /**
         * `serviceAccount` sends `serviceAccountToken`; `azure` sends an Entra
         * ID token for the AKS server application from the credential of
         * the cluster's subscription. Defaults to `serviceAccount`.
         */
        authProvider?: 'serviceAccount' | 'azure';
        /**
         * The bearer token of a read-only service account, for `serviceAccount`.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** The ingress controller namespaces of this cluster, in place of the default list. */
        ingressControllerNamespaces?: string[];
      }>;
    };

    /** The snapshot source. */
    snapshot?: {
      /**
       * The snapshot directory, relative to the backend's working directory:
       * ARM JSON anywhere under `azure/`, Kubernetes YAML under
       * `kubernetes/<cluster name>/<namespace>/`. No default; required when
       * `source` is `snapshot`.
       */
      directory?: string;
    };

    /** The scheduled refresh of every annotated entity. */
    refresh?: {
      /**
       * How often the refresh runs: a duration, an ISO 8601 duration string
       * or `{ cron: '...' }`. Defaults to `{ minutes: 30 }`.
       */
      frequency?: HumanDuration | string | { cron: string };
      /** How long one refresh may run before another instance may take over. Defaults to `{ minutes: 10 }`. */
      timeout?: HumanDuration | string;
      /** The wait before the first refresh after start. Defaults to `{ seconds: 5 }`. */
      initialDelay?: HumanDuration | string;
      /**
       * `global` lets backend instances that share a database take turns;
       * `local` runs the refresh on every instance. Defaults to `global`.
       */
      scope?: 'global' | 'local';
    };

    /**
     * The refresh of the annotated entities that have no assessment yet, or
     * whose annotations, title, owner or system changed since their last one.
     * It lists the annotated entities and reads Azure only for those.
     */
    refreshChanged?: {
      /**
       * How often it runs: a duration, an ISO 8601 duration string or
       * `{ cron: '...' }`. Defaults to `{ minutes: 2 }`.
       */
      frequency?: HumanDuration | string | { cron: string };
      /** How long one run may take before another instance may take over. Defaults to `{ minutes: 10 }`. */
      timeout?: HumanDuration | string;
      /** The wait before the first run after start. Defaults to `{ minutes: 2 }`. */
      initialDelay?: HumanDuration | string;
      /**
       * `global` lets backend instances that share a database take turns;
       * `local` runs it on every instance. Defaults to `global`.
       */
      scope?: 'global' | 'local';
    };

    /** The assessment history. */
    history?: {
      /** The number of days assessments are kept in the history, 1 or more. Defaults to 90. */
      retentionDays?: number;
    };

    /** The limit on on-demand refreshes, counted per caller and per backend instance. */
    refreshRateLimit?: {
      /** Refreshes allowed per caller within one window, 1 or more. Defaults to 10. */
      maxRequests?: number;
      /** The sliding window: a duration or an ISO 8601 duration string. Defaults to one minute. */
      window?: HumanDuration | string;
    };

    /** The organisation policy applied by the evaluator. */
    policy?: {
      /** Ids of checks that are not run. Defaults to none; an unknown id stops the backend at start. */
      disabledChecks?: string[];
      /**
       * The severity of a check, by check id, in place of the catalog's:
       * `critical`, `high`, `medium`, `low` or `info`. Defaults to none.
       */
      severityOverrides?: { [checkId: string]: string };
      /**
       * Cipher suites accepted in Custom and CustomV2 Application Gateway TLS
       * policies. Defaults to the ECDHE AES-GCM suites and the TLS 1.3 suites.
       */
      approvedCipherSuites?: string[];
      /**
       * Values of a cluster's `networkProfile.networkPolicy` that count as a
       * network policy engine. Defaults to `azure`, `calico` and `cilium`.
       */
      acceptedNetworkPolicyEngines?: string[];
      /** When true, plaintext from the ingress controller to the pods is a warning. Defaults to false. */
      requireTlsToPod?: boolean;
    };
  };
}
