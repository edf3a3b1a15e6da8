import { Evidence, KubernetesResource } from '../../types';
import { booleanAt, objectsAt } from '../../resources/json';

/**
 * Returns one evidence item for each way a workload's pod template uses the
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

  if (booleanAt(workload.body, 'spec.template.spec.hostNetwork') === true) {
    problems.push({
      resource,
      path: 'spec.template.spec.hostNetwork',
      observed: true,
      expected: false,
      elements: [element],
    });
  }
  for (const list of ['containers', 'initContainers']) {
    objectsAt(workload.body, `spec.template.spec.${list}`).forEach(
      (container, containerIndex) => {
        objectsAt(container, 'ports').forEach((port, portIndex) => {
          if (
            port.hostPort !== undefined &&
            port.hostPort !== null &&
            port.hostPort !== 0
          ) {
            problems.push({
              resource,
              path: `spec.template.spec.${list}[${containerIndex}].ports[${portIndex}].hostPort`,
              observed: port.hostPort,
              expected: null,
              elements: [element],
            });
          }
        });
      },
    );
  }
  return problems;
}
