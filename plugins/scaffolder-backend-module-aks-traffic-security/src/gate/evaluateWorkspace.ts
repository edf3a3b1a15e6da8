import {
  ReadFailure,
  RepositoryCheckResult,
  ResourceSet,
  evaluate,
  judgeRepositoryChecks,
  OrganisationPolicy,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  buildResourceSet,
  findRepositoryProblems,
  readResourceFiles,
} from '@aks-traffic-security/plugin-aks-traffic-security-node';
import { findCheckerSourceProblems } from './findCheckerSourceProblems';
import { findManifestsOutsideResourceFolders } from './findManifestsOutsideResourceFolders';
import { readWorkspaceScope, WorkspaceEntity } from './readWorkspaceScope';

/** The folders of a rendered service that hold the resources the gate reads. */
export const RESOURCE_FOLDERS: readonly string[] = ['kubernetes', 'infra'];

/** The gate's findings for one workspace. */
export interface WorkspaceEvaluation {
  entity: WorkspaceEntity;
  resourceSet: ResourceSet;
  results: RepositoryCheckResult[];
  /** Files under the resource folders that could not be read or parsed. */
  readFailures: ReadFailure[];
  /**
   * Problems that make the workspace unfit to publish, from
   * `findRepositoryProblems`, `findCheckerSourceProblems` and
   * `findManifestsOutsideResourceFolders`.
   */
  problems: string[];
}

/**
 * Evaluates a rendered service: the scope from its `catalog-info.yaml`
 * annotations, the resources from its Kubernetes manifests and its
 * Application Gateway JSON, and every check of the catalog over them.
 */
export async function evaluateWorkspace(options: {
  workspacePath: string;
  policy?: OrganisationPolicy;
  /** The gateway properties that the deployment sends; see `findRepositoryProblems`. */
  deployedGatewayProperties?: readonly string[];
}): Promise<WorkspaceEvaluation> {
  const { workspacePath, policy, deployedGatewayProperties } = options;

  const entity = await readWorkspaceScope(workspacePath);
  const read = await readResourceFiles([...RESOURCE_FOLDERS], {
    baseDir: workspacePath,
    source: 'workspace',
  });
  const resourceSet = buildResourceSet(read, entity.scope);

  const assessment = evaluate(resourceSet, { policy });

  return {
    entity,
    resourceSet,
    results: judgeRepositoryChecks(assessment, resourceSet),
    readFailures: read.failures,
    problems: [
      ...findRepositoryProblems({
        read,
        namespace: entity.scope.namespace,
        gatewayId: entity.scope.gatewayId,
        deployedGatewayProperties,
      }),
      ...(await findCheckerSourceProblems(workspacePath)),
      ...(await findManifestsOutsideResourceFolders(
        workspacePath,
        RESOURCE_FOLDERS,
      )),
    ],
  };
}
