import { parseAllDocuments } from 'yaml';
import {
  ArmResource,
  JsonObject,
  KubernetesResource,
  ReadFailure,
  Resource,
  ResourceOrigin,
} from '../types';
import { isJsonObject } from './json';

/**
 * The resources found in one document, and the reasons for the parts that
 * could not be read.
 *
 * @public
 */
export interface ParsedDocument {
  resources: Resource[];
  failures: ReadFailure[];
}

/**
 * Parses the text of one file into resources. JSON is read as ARM: a single
 * resource, an `az` list, an ARM template's `resources`, or an API example
 * file's `responses["200"].body`. YAML is read as Kubernetes objects,
 * including `kind: List`.
 *
 * @public
 */
export function parseResourceDocument(
  text: string,
  origin: ResourceOrigin,
): ParsedDocument {
  const trimmed = text.trim();
  if (trimmed === '') {
    return invalid(
      origin,
      'is empty, expected an ARM resource in JSON or Kubernetes objects in YAML',
    );
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return parseArmJson(trimmed, origin);
  }
  return parseKubernetesYaml(text, origin);
}

function parseArmJson(text: string, origin: ResourceOrigin): ParsedDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return invalid(origin, `is not valid JSON: ${(error as Error).message}`);
  }

  const candidates = armCandidates(document);
  const resources: ArmResource[] = [];
  for (const candidate of candidates) {
    const id = typeof candidate.id === 'string' ? candidate.id : undefined;
    const type =
      typeof candidate.type === 'string' ? candidate.type : undefined;
    const name =
      typeof candidate.name === 'string' ? candidate.name : undefined;
    if (!id || !type || !name) {
      continue;
    }
    resources.push({ kind: 'arm', id, type, name, body: candidate, origin });
  }

  if (resources.length === 0) {
    return invalid(
      origin,
      'contains no ARM resource with an id, a name and a type',
    );
  }
  return { resources, failures: [] };
}

function armCandidates(document: unknown): JsonObject[] {
  if (Array.isArray(document)) {
    return document.filter(isJsonObject);
  }
  if (!isJsonObject(document)) {
    return [];
  }
  const example = document.responses;
  if (
    isJsonObject(example) &&
    isJsonObject(example['200']) &&
    isJsonObject(example['200'].body)
  ) {
    return [example['200'].body];
  }
  if (Array.isArray(document.value)) {
    return document.value.filter(isJsonObject);
  }
  return [document];
}

function parseKubernetesYaml(
  text: string,
  origin: ResourceOrigin,
): ParsedDocument {
  const resources: KubernetesResource[] = [];
  const failures: ReadFailure[] = [];

  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      failures.push({
        target: origin.location,
        reason: 'invalid-document',
        message: `${origin.location} is not valid YAML: ${document.errors[0].message}`,
      });
      continue;
    }
    const value = document.toJS();
    const items =
      isJsonObject(value) && value.kind === 'List' && Array.isArray(value.items)
        ? value.items
        : [value];
    for (const item of items) {
      if (
        !isJsonObject(item) ||
        typeof item.kind !== 'string' ||
        typeof item.apiVersion !== 'string'
      ) {
        continue;
      }
      const metadata = isJsonObject(item.metadata) ? item.metadata : {};
      resources.push({
        kind: 'kubernetes',
        apiVersion: item.apiVersion,
        objectKind: item.kind,
        name: typeof metadata.name === 'string' ? metadata.name : '',
        namespace:
          typeof metadata.namespace === 'string'
            ? metadata.namespace
            : undefined,
        body: item,
        origin,
      });
    }
  }
  return { resources, failures };
}

function invalid(origin: ResourceOrigin, problem: string): ParsedDocument {
  return {
    resources: [],
    failures: [
      {
        target: origin.location,
        reason: 'invalid-document',
        message: `${origin.location} ${problem}`,
      },
    ],
  };
}
