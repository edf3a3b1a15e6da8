import { promises as fs, readFileSync } from 'fs';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import {
  ALL_CHECKS,
  capitalise,
  armIdType,
  Assessment,
  AssessmentScope,
  evaluate,
  findCheck,
  isArmResourceId,
  judgeRepositoryAssessment,
  NEEDS_LIVE_DATA,
  OrganisationPolicy,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  readResourceFiles,
  relativeLocation,
  ResourceFilesRead,
} from '../files/readResourceFiles';
import { buildResourceSet } from '../files/buildResourceSet';
import { findKeyVaultMismatches } from '../files/findKeyVaultMismatches';
import { findWafPolicyMismatches } from '../files/findWafPolicyMismatches';
import { optionName } from '../files/inputNames';
import {
  findRepositoryProblems,
  RepositoryProblemsOptions,
} from '../files/findRepositoryProblems';
import { CONFLICTING_COPIES } from '../files/dropConflictingCopies';
import {
  CheckArguments,
  parseCheckArguments,
  UsageError,
} from './parseCheckArguments';
import {
  parseOrganisationPolicy,
  PolicyError,
} from './parseOrganisationPolicy';
import { ResourceLocator } from './resourceLocations';
import { CheckReport } from './CheckReport';
import { formatTable } from './formatTable';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { HELP_TEXT } from './helpText';

/**
 * The output streams of the command-line tool and the directory that it
 * resolves relative paths against.
 *
 * @public
 */
export interface CliEnvironment {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The working directory; input paths and output locations are relative to it. */
  cwd: string;
}

/** Exit status when no check fails. @public */
export const EXIT_OK = 0;
/** Exit status when at least one check fails. @public */
export const EXIT_CHECK_FAILED = 1;
/** Exit status for a usage or input error. @public */
export const EXIT_USAGE_ERROR = 2;

/** An input that cannot be used: a missing path, an invalid policy file, no resources. */
class InputError extends Error {
  name = 'InputError';
}

/**
 * Runs the `aks-traffic-security` command line with the given arguments
 * (without the program name) and returns the exit status.
 *
 * @public
 */
export async function main(
  args: string[],
  environment: CliEnvironment = processEnvironment(),
): Promise<number> {
  const [command, ...rest] = args;

  if (
    command === undefined ||
    ['-h', '--help', 'help'].includes(command) ||
    rest.includes('--help') ||
    rest.includes('-h')
  ) {
    // Without a command the usage is the error, so it goes to standard error.
    if (command === undefined) {
      environment.stderr(HELP_TEXT);
      return EXIT_USAGE_ERROR;
    }
    environment.stdout(HELP_TEXT);
    return EXIT_OK;
  }
  if (command === 'checks') {
    environment.stdout(formatCatalog());
    return EXIT_OK;
  }
  if (command !== 'check') {
    environment.stderr(
      `Unknown command '${command}'; expected 'check' or 'checks'. Run 'aks-traffic-security --help' for usage.\n`,
    );
    return EXIT_USAGE_ERROR;
  }

  try {
    return await runCheck(parseCheckArguments(rest), environment);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof InputError ||
      error instanceof PolicyError
    ) {
      environment.stderr(`${error.message}\n`);
      return EXIT_USAGE_ERROR;
    }
    throw error;
  }
}

/**
 * Runs the command line of the current process and sets its exit code.
 *
 * @public
 */
export async function runCli(
  args: string[] = process.argv.slice(2),
): Promise<void> {
  try {
    process.exitCode = await main(args);
  } catch (error) {
    process.stderr.write(
      `aks-traffic-security failed: ${
        error instanceof Error ? error.stack ?? error.message : String(error)
      }\n`,
    );
    process.exitCode = EXIT_USAGE_ERROR;
  }
}

async function runCheck(
  options: CheckArguments,
  environment: CliEnvironment,
): Promise<number> {
  const unknownIds = options.requirePass.filter(id => !findCheck(id));
  if (unknownIds.length > 0) {
    throw new UsageError(
      `Invalid value '${unknownIds[0]}' for --require-pass; expected a check id of the catalog, such as pod.k8s.default-deny (run the checks command to list them).`,
    );
  }

  const policy = options.policyFile
    ? await readPolicy(
        path.resolve(environment.cwd, options.policyFile),
        options.policyFile,
      )
    : {};
  const scope = buildScope(options);

  const read = await readResourceFiles(options.paths, {
    baseDir: environment.cwd,
  });

  // A path named on the command line must be usable; a file met while
  // walking a directory is only reported.
  const named = new Set(
    options.paths.map(input =>
      relativeLocation(environment.cwd, path.resolve(environment.cwd, input)),
    ),
  );
  const namedFailures = read.failures.filter(failure =>
    named.has(failure.target),
  );
  if (namedFailures.length > 0) {
    throw new InputError(
      namedFailures.map(failure => capitalise(failure.message)).join('\n'),
    );
  }
  if (read.resources.length === 0) {
    const details = read.failures
      .map(failure => `\n  ${failure.message}`)
      .join('');
    const conflicting = read.failures.some(
      failure => failure.reason === CONFLICTING_COPIES,
    );
    throw new InputError(
      conflicting
        ? `Every resource found in ${options.paths.join(
            ', ',
          )} has copies that differ, so none can be judged.${details}`
        : `No ARM resources or Kubernetes objects were found in ${options.paths.join(
            ', ',
          )}; expected ARM JSON or Kubernetes YAML files.${details}`,
    );
  }
  for (const failure of read.failures) {
    environment.stderr(`Skipped ${failure.message}\n`);
  }

  const resourceSet = buildResourceSet(read, scope);
  const evaluated = evaluate(resourceSet, { policy });
  const assessment = options.repository
    ? judgeRepositoryAssessment(evaluated, resourceSet)
    : evaluated;
  const files = [
    ...new Set(read.resources.map(resource => resource.origin.location)),
  ].sort();
  const report: CheckReport = {
    assessment,
    resourceCount: read.resources.length,
    files,
    readFailures: read.failures,
    locator: new ResourceLocator(read.resources, fileReader(environment.cwd)),
  };

  const formatters = {
    table: formatTable,
    json: formatJson,
    sarif: formatSarif,
  };
  environment.stdout(formatters[options.format](report));

  const failed = assessment.checks.some(check => check.verdict === 'fail');
  const unmet = unmetRequirements(assessment, options.requirePass);
  for (const check of unmet) {
    environment.stderr(
      `Rejected: ${check.checkId} is ${check.verdict}, and --require-pass requires pass or not-applicable.\n`,
    );
  }
  const rejected = options.repository
    ? rejectRepository(read, assessment, environment, {
        namespace: scope.namespace,
        gatewayId: scope.gatewayId,
        deployedGatewayProperties: options.deployedGatewayProperties,
        mismatches: [
          ...findWafPolicyMismatches(
            options.expected.wafPolicyId,
            resourceSet,
            optionName,
          ),
          ...findKeyVaultMismatches(options.expected, resourceSet, optionName),
        ],
      })
    : false;
  return failed || unmet.length > 0 || rejected ? EXIT_CHECK_FAILED : EXIT_OK;
}

/** Returns the results of the required checks that neither pass nor are not applicable. */
function unmetRequirements(
  assessment: Assessment,
  requirePass: string[],
): Assessment['checks'] {
  return assessment.checks.filter(
    check =>
      requirePass.includes(check.checkId) &&
      check.verdict !== 'pass' &&
      check.verdict !== 'not-applicable',
  );
}

/**
 * Applies the rules by which the scaffolder gate rejects a service
 * repository beyond failed checks, so that the repository's pipeline judges
 * it alike: a file that could not be read, a judged check left unknown, a
 * difference from the expected values, and the problems of
 * {@link findRepositoryProblems}. Each is reported on standard error.
 * Returns true when any applies.
 */
function rejectRepository(
  read: ResourceFilesRead,
  assessment: Assessment,
  environment: CliEnvironment,
  service: Omit<RepositoryProblemsOptions, 'read'> & {
    /** Differences from the values given with the expected-value options. */
    mismatches: string[];
  },
): boolean {
  const undecided = assessment.checks.filter(
    check => check.verdict === 'unknown' && check.reason !== NEEDS_LIVE_DATA,
  ).length;
  const { mismatches, ...problemOptions } = service;
  const problems = [
    ...mismatches,
    ...findRepositoryProblems({ read, ...problemOptions }),
  ];
  for (const problem of problems) {
    environment.stderr(`Repository problem: ${problem}\n`);
  }
  if (read.failures.length > 0) {
    environment.stderr(
      `Rejected: ${read.failures.length} file(s) could not be read, so their resources were not checked.\n`,
    );
  }
  if (undecided > 0) {
    environment.stderr(
      `Rejected: ${undecided} check(s) that the repository's files should decide are unknown.\n`,
    );
  }
  return problems.length > 0 || read.failures.length > 0 || undecided > 0;
}

async function readPolicy(
  file: string,
  displayName: string,
): Promise<OrganisationPolicy> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `Policy file '${displayName}' was not found; expected a YAML file with the organisation policy.`
        : `Policy file '${displayName}' cannot be read: ${
            (error as Error).message
          }`,
    );
  }

  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new InputError(
      `Policy file '${displayName}' is not valid YAML: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
  }
  return parseOrganisationPolicy(document, displayName);
}

function buildScope(options: CheckArguments): AssessmentScope {
  expectArmId(
    options.clusterId,
    '--cluster-id',
    'Microsoft.ContainerService/managedClusters',
  );
  expectArmId(
    options.gatewayId,
    '--gateway-id',
    'Microsoft.Network/applicationGateways',
  );

  const scope: AssessmentScope = {};
  if (options.clusterId) scope.clusterId = options.clusterId;
  if (options.gatewayId) scope.gatewayId = options.gatewayId;
  if (options.namespace) scope.namespace = options.namespace;
  if (options.hostNames.length > 0) scope.hostNames = options.hostNames;
  if (options.internalDomainSuffix) {
    scope.internalDomainSuffix = options.internalDomainSuffix.replace(
      /^\.+/,
      '',
    );
  }
  return scope;
}

function expectArmId(
  value: string | undefined,
  option: string,
  type: string,
): void {
  if (
    value !== undefined &&
    (!isArmResourceId(value) ||
      armIdType(value)?.toLowerCase() !== type.toLowerCase())
  ) {
    throw new UsageError(
      `Invalid value '${value}' for ${option}; expected the ARM id of a ${type} resource, such as /subscriptions/<id>/resourceGroups/<group>/providers/${type}/<name>.`,
    );
  }
}

function formatCatalog(): string {
  const idWidth = Math.max(...ALL_CHECKS.map(check => check.id.length));
  const lines = ALL_CHECKS.map(
    check =>
      `${check.id.padEnd(idWidth)}  ${check.flow.padEnd(
        10,
      )}  ${check.level.padEnd(8)}  ${check.severity.padEnd(8)}  ${
        check.title
      }`,
  );
  return `${[
    'ID'.padEnd(idWidth),
    'FLOW'.padEnd(10),
    'LEVEL'.padEnd(8),
    'SEVERITY'.padEnd(8),
    'TITLE',
  ].join('  ')}\n${lines.join('\n')}\n`;
}

/** Reads input files again to find the lines of resources, caching each text. */
function fileReader(cwd: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return file => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(path.resolve(cwd, file), 'utf8'));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}

function processEnvironment(): CliEnvironment {
  return {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    cwd: process.cwd(),
  };
}
