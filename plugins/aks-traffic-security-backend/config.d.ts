import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the AKS traffic security backend plugin. */
  aksTrafficSecurity?: {
    /**
     * The resource source. `snapshot` reads a directory of exported files.
     * `azure` is reserved for the live source and is rejected at start until
     * it exists. Defaults to `snapshot`.
     */
    source?: 'snapshot' | 'azure';

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

    /** The assessment history. */
    history?: {
      /** The number of days assessments are kept in the history, 1 or more. Defaults to 90. */
      retentionDays?: number;
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
