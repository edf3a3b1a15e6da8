import {
  ArmResource,
  CheckResult,
  KubernetesResource,
  Resource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * A place in an input file: the file's path as it was read and a 1-based
 * line number.
 *
 * @public
 */
export interface SourceLocation {
  file: string;
  line: number;
}

/**
 * Finds the input files that a check result's evidence names, so that an
 * output format can point at them.
 *
 * Evidence names an ARM resource by id (or the id of one of its
 * sub-resources, such as a listener) and a Kubernetes object as
 * `<namespace>/<Kind>/<name>` or `<Kind>/<name>`.
 *
 * @public
 */
export class ResourceLocator {
  private readonly armResources: ArmResource[];
  private readonly kubernetesObjects: KubernetesResource[];

  constructor(
    resources: Resource[],
    private readonly fileText: (file: string) => string | undefined = () =>
      undefined,
  ) {
    // The longest id first, so that a sub-resource id matches its own resource.
    this.armResources = resources
      .filter((resource): resource is ArmResource => resource.kind === 'arm')
      .sort((a, b) => b.id.length - a.id.length);
    this.kubernetesObjects = resources.filter(
      (resource): resource is KubernetesResource =>
        resource.kind === 'kubernetes',
    );
  }

  /** Returns the distinct locations of the resources a result's evidence names. */
  locate(result: CheckResult): SourceLocation[] {
    const locations = new Map<string, SourceLocation>();
    for (const evidence of result.evidence) {
      const resource = evidence.resource
        ? this.find(evidence.resource)
        : undefined;
      if (resource) {
        const location = this.locationOf(resource);
        locations.set(`${location.file}:${location.line}`, location);
      }
    }
    return [...locations.values()];
  }

  private find(reference: string): Resource | undefined {
    const lower = reference.toLowerCase().replace(/\/+$/, '');
    if (lower.startsWith('/subscriptions/')) {
      return this.armResources.find(resource => {
        const id = resource.id.toLowerCase();
        return lower === id || lower.startsWith(`${id}/`);
      });
    }

    const segments = reference.split('/');
    if (segments.length < 2) {
      return undefined;
    }
    const [kind, name] = segments.slice(-2);
    const namespace = segments.length > 2 ? segments[segments.length - 3] : '';
    const candidates = this.kubernetesObjects.filter(
      object => object.objectKind === kind && object.name === name,
    );
    return (
      candidates.find(
        object => namespace !== '' && object.namespace === namespace,
      ) ?? candidates[0]
    );
  }

  private locationOf(resource: Resource): SourceLocation {
    const file = resource.origin.location;
    const text = this.fileText(file);
    return { file, line: text === undefined ? 1 : lineOf(resource, text) };
  }
}

/**
 * Returns the line where a resource starts in its file, found by a text
 * search. For a Kubernetes object, it is the first `name:` line with its
 * name after a `kind:` line with its kind. For an ARM resource, it is the
 * first line with its id, else with its name, else with its type. The
 * fallback is line 1.
 */
function lineOf(resource: Resource, text: string): number {
  const lines = text.split(/\r?\n/);

  if (resource.kind === 'kubernetes') {
    const kindLine = lines.findIndex(line =>
      new RegExp(
        `^\\s*-?\\s*"?kind"?\\s*:\\s*"?${escape(resource.objectKind)}"?\\s*,?$`,
      ).test(line),
    );
    const nameLine = lines.findIndex(
      (line, index) =>
        index >= Math.max(kindLine, 0) &&
        new RegExp(
          `^\\s*"?name"?\\s*:\\s*["']?${escape(resource.name)}["']?\\s*,?$`,
        ).test(line),
    );
    return (nameLine >= 0 ? nameLine : Math.max(kindLine, 0)) + 1;
  }

  const idLine = lines.findIndex(line => line.includes(`"${resource.id}"`));
  if (idLine >= 0) {
    return idLine + 1;
  }
  const nameLine = lines.findIndex(line =>
    new RegExp(`"name"\\s*:\\s*"${escape(resource.name)}"`).test(line),
  );
  if (nameLine >= 0) {
    return nameLine + 1;
  }
  // A template resource whose name is an expression: its type line.
  const typeLine = lines.findIndex(line =>
    new RegExp(`"type"\\s*:\\s*"${escape(resource.type)}"`, 'i').test(line),
  );
  return typeLine >= 0 ? typeLine + 1 : 1;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
