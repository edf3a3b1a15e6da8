import {
  AssessmentScope,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ResourceFilesRead } from './readResourceFiles';

/**
 * Builds the resource set of one assessment from resources read from files.
 *
 * @public
 */
export function buildResourceSet(
  read: ResourceFilesRead,
  scope: AssessmentScope = {},
): ResourceSet {
  return {
    scope,
    resources: [...read.resources],
    failures: [...read.failures],
    kubernetesNamespaceRead: read.kubernetesNamespaceRead,
  };
}
