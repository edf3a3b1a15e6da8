/**
 * Node.js helpers for AKS traffic security: reading resource files and the
 * check command-line tool.
 *
 * @packageDocumentation
 */

export * from './files/readResourceFiles';
export * from './files/buildResourceSet';
export * from './files/findRepositoryProblems';
export * from './files/findKeyVaultMismatches';
export * from './files/findWafPolicyMismatches';
export type { InputNamer } from './files/inputNames';
export { CONFLICTING_COPIES } from './files/dropConflictingCopies';
export {
  main,
  runCli,
  EXIT_OK,
  EXIT_CHECK_FAILED,
  EXIT_USAGE_ERROR,
} from './cli/main';
export type { CliEnvironment } from './cli/main';
export * from './cli/parseCheckArguments';
export * from './cli/parseOrganisationPolicy';
export * from './cli/resourceLocations';
export type { CheckReport } from './cli/CheckReport';
export { formatTable } from './cli/formatTable';
export { formatJson } from './cli/formatJson';
export { formatSarif, SARIF_TOOL_NAME } from './cli/formatSarif';
