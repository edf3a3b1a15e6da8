import { Evidence, KubernetesResource } from '../../types';
import { booleanAt, objectsAt } from '../../resources/json';
import { podTemplatePath } from './exposedServices';

/**
 * Returns one evidence item for each way a workload's pod spec uses the
 * node network: `hostNetwork: true`, and each non-zero `hostPort` of a
 * container or init container. Returns an empty list when the pods use the
 * pod network only.
 */
export function hostNetworkUse(
  workload: KubernetesResource,
  resource: string,
  element: string,
): Evidence[] {
  const problems: Evidence[] = [];
  const hostNetworkPath = podTemplatePath(workload, 'spec.hostNetwork');

  if (booleanAt(workload.body, hostNetworkPath) === true) {
    problems.push({
      resource,
      path: hostNetworkPath,
      observed: true,
      expected: false,
      elements: [element],
    });
  }
  for (const list of ['containers', 'initContainers']) {
    const listPath = podTemplatePath(workload, `spec.${list}`);
    objectsAt(workload.body, listPath).forEach((container, containerIndex) => {
      objectsAt(container, 'ports').forEach((port, portIndex) => {
        if (
          port.hostPort !== undefined &&
          port.hostPort !== null &&
          port.hostPort !== 0
        ) {
          problems.push({
            resource,
            path: `${listPath}[${containerIndex}].ports[${portIndex}].hostPort`,
            observed: port.hostPort,
            expected: null,
            elements: [element],
          });
        }
      });
    });
  }
  return problems;
}
