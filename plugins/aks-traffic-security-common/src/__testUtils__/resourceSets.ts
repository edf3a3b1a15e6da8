import fs from 'fs';
import path from 'path';
import {
  ArmResource,
  AssessmentScope,
  JsonObject,
  KubernetesResource,
  ReadFailure,
  Resource,
  ResourceSet,
} from '../types';
import { parseResourceDocument } from '../resources/parseDocument';

/** The repository's folder of third-party ARM and Kubernetes files. */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../../fixtures');

/** Wraps an ARM wire body as a resource. */
export function arm(body: JsonObject): ArmResource {
  return {
    kind: 'arm',
    id: String(body.id),
    type: String(body.type),
    name: String(body.name),
    body,
    origin: { source: 'test', location: 'inline' },
  };
}

/** Parses Kubernetes YAML text into resources. */
export function kubernetes(yamlText: string): KubernetesResource[] {
  return parseResourceDocument(yamlText, { source: 'test', location: 'inline.yaml' })
    .resources as KubernetesResource[];
}

/** Reads a fixture file, relative to the fixtures folder, into resources. */
export function fixture(relativePath: string): Resource[] {
  const location = path.join(FIXTURES_DIR, relativePath);
  const parsed = parseResourceDocument(fs.readFileSync(location, 'utf8'), {
    source: 'file',
    location,
  });
  if (parsed.failures.length > 0) {
    throw new Error(parsed.failures.map(failure => failure.message).join('; '));
  }
  return parsed.resources;
}

/** Builds a resource set. Kubernetes counts as read when any object is given. */
export function resourceSet(options: {
  resources?: Resource[];
  scope?: AssessmentScope;
  failures?: ReadFailure[];
  kubernetesNamespaceRead?: boolean;
}): ResourceSet {
  const resources = options.resources ?? [];
  return {
    scope: options.scope ?? {},
    resources,
    failures: options.failures ?? [],
    kubernetesNamespaceRead:
      options.kubernetesNamespaceRead ??
      resources.some(resource => resource.kind === 'kubernetes'),
  };
}
