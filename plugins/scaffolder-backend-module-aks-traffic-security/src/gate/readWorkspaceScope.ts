import { promises as fs } from 'fs';
import { parseAllDocuments } from 'yaml';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AssessmentScope,
  isJsonObject,
  scopeFromAnnotations,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The catalog descriptor that names the service's resources. */
export const CATALOG_INFO_FILE = 'catalog-info.yaml';

/** The service's entity as the gate reads it from the rendered descriptor. */
export interface WorkspaceEntity {
  kind: string;
  namespace: string;
  name: string;
  scope: AssessmentScope;
}

/**
 * Reads the assessment scope from the annotations of the Component in the
 * workspace's `catalog-info.yaml`, the same annotations the security tab reads
 * once the entity is registered.
 */
export async function readWorkspaceScope(
  workspacePath: string,
): Promise<WorkspaceEntity> {
  const file = resolveSafeChildPath(workspacePath, CATALOG_INFO_FILE);

  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new NotFoundError(
      `The rendered workspace has no readable ${CATALOG_INFO_FILE}; the gate needs its annotations to know the service's cluster and gateway`,
      error,
    );
  }

  const component = parseAllDocuments(text)
    .filter(document => document.errors.length === 0)
    .map(document => document.toJS())
    .find(value => isJsonObject(value) && value.kind === 'Component');
  if (!component || !isJsonObject(component.metadata)) {
    throw new InputError(
      `The rendered ${CATALOG_INFO_FILE} contains no valid Component entity`,
    );
  }

  const metadata = component.metadata;
  const annotations = isJsonObject(metadata.annotations)
    ? metadata.annotations
    : {};
  const { scope, missing, errors } = scopeFromAnnotations({
    metadata: {
      annotations: Object.fromEntries(
        Object.entries(annotations).map(([key, value]) => [key, String(value)]),
      ),
    },
  });
  const problems = [
    ...missing.map(key => `Missing annotation '${key}'`),
    ...errors,
  ];
  if (problems.length > 0) {
    throw new InputError(
      `The rendered ${CATALOG_INFO_FILE} has invalid annotations: ${problems.join(
        '; ',
      )}`,
    );
  }

  return {
    kind: 'component',
    namespace:
      typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
    name: String(metadata.name),
    scope,
  };
}
