import { TemplateInputs } from './validateTemplateInputs';
import { WorkspaceEntity } from './readWorkspaceScope';

/**
 * Compares the validated template inputs with the scope read from the
 * rendered `catalog-info.yaml`, so that the gate never passes a workspace
 * rendered for another service. Returns one message per differing value.
 */
export function findScopeMismatches(
  inputs: TemplateInputs,
  entity: WorkspaceEntity,
): string[] {
  const { scope } = entity;
  const mismatches: string[] = [];

  const compare = (
    field: string,
    requested: unknown,
    rendered: string | undefined,
    caseSensitive = true,
  ) => {
    if (typeof requested !== 'string') {
      return;
    }
    const same = caseSensitive
      ? requested === rendered
      : requested.toLowerCase() === rendered?.toLowerCase();
    if (!same) {
      mismatches.push(
        `Input '${field}' is '${requested}' but the rendered service has '${
          rendered ?? '(none)'
        }'`,
      );
    }
  };

  compare('name', inputs.name, entity.name);
  compare('clusterId', inputs.clusterId, scope.clusterId, false);
  compare(
    'applicationGatewayId',
    inputs.applicationGatewayId,
    scope.gatewayId,
    false,
  );
  compare('namespace', inputs.namespace, scope.namespace);
  compare(
    'internalDomainSuffix',
    inputs.internalDomainSuffix,
    scope.internalDomainSuffix,
    false,
  );
  if (
    typeof inputs.hostName === 'string' &&
    !scope.hostNames?.includes(inputs.hostName)
  ) {
    mismatches.push(
      `Input 'hostName' is '${inputs.hostName}' but the rendered service has '${
        scope.hostNames?.join(', ') ?? '(none)'
      }'`,
    );
  }
  if (
    typeof inputs.tlsToPod === 'boolean' &&
    inputs.tlsToPod !== (scope.tlsToPod ?? false)
  ) {
    mismatches.push(
      `Input 'tlsToPod' is ${inputs.tlsToPod} but the rendered service has ${
        scope.tlsToPod ?? false
      }`,
    );
  }

  return mismatches;
}
