import { parseArgs } from 'util';
import { KeyVaultInputs } from '../files/findKeyVaultMismatches';
import { optionName } from '../files/inputNames';

/** The output formats of the `check` command. @public */
export const OUTPUT_FORMATS = ['table', 'json', 'sarif'] as const;

/** @public */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The options of one `check` command line.
 *
 * @public
 */
export interface CheckArguments {
  format: OutputFormat;
  paths: string[];
  policyFile?: string;
  hostNames: string[];
  namespace?: string;
  clusterId?: string;
  gatewayId?: string;
  internalDomainSuffix?: string;
  /**
   * True to judge the files as a service repository: checks that only the
   * live resources can decide become `unknown` with reason `needs-live-data`.
   */
  repository: boolean;
  /**
   * Ids of checks that must pass or be not applicable; any other verdict
   * fails the command, as the scaffolder gate's `requirePass` input does.
   */
  requirePass: string[];
  /**
   * With `repository`, the keys of `properties` in the gateway file that the
   * deployment sends. Any other setting there rejects the repository.
   */
  deployedGatewayProperties?: string[];
  /**
   * With `repository`, the values the repository must use, as the service
   * template's gate compares them with its inputs: the WAF policy every
   * listener attaches, and the Key Vault, tenant, workload identity and
   * certificate names. Values not given are not compared.
   */
  expected: ExpectedValues;
}

/**
 * The values a service repository must use, by the name of the service
 * template's input.
 *
 * @public
 */
export type ExpectedValues = KeyVaultInputs & { wafPolicyId?: string };

/**
 * The options that set {@link ExpectedValues}, by the input they set. Each
 * option is the input's name in kebab case, such as `--waf-policy-id`.
 */
const EXPECTED_VALUE_OPTIONS = Object.fromEntries(
  [
    'wafPolicyId',
    'keyVaultName',
    'tenantId',
    'workloadIdentityClientId',
    'publicCertificateName',
    'internalCertificateName',
    'trustedRootCertificateName',
  ].map(input => [input, optionName(input).slice(2)]),
);

/**
 * A command line that cannot be run, with a message that names the bad
 * argument and what is expected.
 *
 * @public
 */
export class UsageError extends Error {
  name = 'UsageError';
}

/**
 * Parses the arguments that follow `check`. Throws {@link UsageError} for
 * an unknown option, a missing value, an unknown format or no path.
 *
 * @public
 */
export function parseCheckArguments(args: string[]): CheckArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        policy: { type: 'string' },
        'host-name': { type: 'string', multiple: true },
        namespace: { type: 'string', short: 'n' },
        'cluster-id': { type: 'string' },
        'gateway-id': { type: 'string' },
        'internal-domain-suffix': { type: 'string' },
        repository: { type: 'boolean' },
        'require-pass': { type: 'string', multiple: true },
        'deployed-gateway-property': { type: 'string', multiple: true },
        ...Object.fromEntries(
          Object.values(EXPECTED_VALUE_OPTIONS).map(option => [
            option,
            { type: 'string' as const },
          ]),
        ),
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }

  const { values, positionals } = parsed;
  const format = values.format ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `Invalid value '${format}' for --format; expected one of ${OUTPUT_FORMATS.join(
        ', ',
      )}.`,
    );
  }
  if (positionals.length === 0) {
    throw new UsageError(
      'Missing file or directory; expected at least one path to ARM JSON or Kubernetes YAML files.',
    );
  }

  const hostNames = commaSeparated(values['host-name']);
  const repository = values.repository ?? false;
  const namespace = nonEmpty(values.namespace, '--namespace');
  if (repository && namespace === undefined) {
    throw new UsageError(
      "Missing --namespace; --repository judges the service's own namespace, so it needs its name.",
    );
  }
  const deployedGatewayProperties = values['deployed-gateway-property'];
  if (deployedGatewayProperties && !repository) {
    throw new UsageError(
      '--deployed-gateway-property requires --repository, because it lists what the deployment of a service repository sends.',
    );
  }

  const expected: Record<string, string> = {};
  for (const [input, option] of Object.entries(EXPECTED_VALUE_OPTIONS)) {
    const value = nonEmpty(
      (values as Record<string, string | undefined>)[option],
      `--${option}`,
    );
    if (value !== undefined && !repository) {
      throw new UsageError(
        `--${option} requires --repository, because it names a value that the files of a service repository must use.`,
      );
    }
    if (value !== undefined) {
      expected[input] = value;
    }
  }

  return {
    format: format as OutputFormat,
    paths: positionals,
    policyFile: nonEmpty(values.policy, '--policy'),
    hostNames,
    namespace,
    clusterId: nonEmpty(values['cluster-id'], '--cluster-id'),
    gatewayId: nonEmpty(values['gateway-id'], '--gateway-id'),
    internalDomainSuffix: nonEmpty(
      values['internal-domain-suffix'],
      '--internal-domain-suffix',
    ),
    repository,
    requirePass: commaSeparated(values['require-pass']),
    deployedGatewayProperties: deployedGatewayProperties
      ? commaSeparated(deployedGatewayProperties)
      : undefined,
    expected,
  };
}

/** Splits repeated options that may also separate their values with commas. */
function commaSeparated(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap(value => value.split(','))
    .map(value => value.trim())
    .filter(value => value !== '');
}

function nonEmpty(
  value: string | undefined,
  option: string,
): string | undefined {
  if (value !== undefined && value.trim() === '') {
    throw new UsageError(
      `Empty value for ${option}; expected a non-empty string.`,
    );
  }
  return value?.trim();
}

/**
 * Rewrites the errors of `util.parseArgs` as one sentence in the tool's words.
 */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);

  const unknownOption = /Unknown option '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknownOption) {
    return `Unknown option '${unknownOption[1]}'; run with --help to list the options.`;
  }
  const missingValue =
    /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && missingValue) {
    return `Missing value for ${missingValue[1]}; run with --help to see what it expects.`;
  }
  // A value that starts with a dash reads as an option unless it is joined
  // to its option with `=`.
  const ambiguous =
    /Option '(?:-\w, )?(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
  if (ambiguous) {
    return `The value of ${ambiguous[1]} starts with a dash; write it as ${ambiguous[1]}=<value>.`;
  }
  return `${message
    .split('\n')[0]
    .replace(/\.$/, '')}; run with --help to list the options.`;
}
