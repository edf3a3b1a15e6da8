import { parseAllDocuments } from 'yaml';
import { parserErrorMessage } from './parserErrorMessage';
import {
  ArmResource,
  JsonObject,
  JsonValue,
  ReadFailure,
  Resource,
  ResourceFormat,
  ResourceOrigin,
} from '../types';
import { isJsonObject } from './json';
import { normalizeArmResource } from './normalizeArm';
import { armTemplateResources, isArmTemplate } from './armTemplate';
import { isKubernetesObject, kubernetesObjects } from './kubernetesObjects';
import { SUPPORTED_ARM_TYPES } from './armResourceTypes';

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

const EXPECTED_CONTENT =
  'expected an ARM resource (a GET body, `az ... show -o json` or `az ... list` output, ' +
  'an ARM list page with `value`, an ARM template with `resources`, or an API example ' +
  'file with `responses["200"].body`) or Kubernetes objects with `apiVersion` and `kind`';

/** Aliases a YAML document may expand, against "billion laughs" documents. */
const MAX_YAML_ALIASES = 1000;

/**
 * Parses the text of one file into resources. Every ARM shape is converted
 * to the ARM wire shape by {@link normalizeArmResource}: a wire body, Azure
 * CLI `show` and `list` output, an ARM list page (`value`), an Azure
 * Resource Graph result (`data`), an ARM template's `resources` (see
 * {@link armTemplateResources}), an API example file's
 * `responses["200"].body`, and a JavaScript SDK model. Kubernetes objects are
 * read from YAML or JSON, including multi-document YAML and `kind: List`.
 *
 * Bad input (an empty file, invalid JSON or YAML, a document without `kind`,
 * only resource types the checks do not read) yields a failure with reason
 * `invalid-document` whose message names `origin.location` and the expected
 * content. This function does not throw.
 *
 * @public
 */
export function parseResourceDocument(
  text: string,
  origin: ResourceOrigin,
): ParsedDocument {
  try {
    return parseText(text, origin);
  } catch (error) {
    // The parsers report bad input as values; this only guards against a
    // defect, so that one bad file never stops a whole read.
    return invalid(origin, `could not be read: ${parserErrorMessage(error)}`);
  }
}

/**
 * Collects the resources and failures of the documents of one file.
 */
class DocumentReader {
  private readonly resources: Resource[] = [];
  private readonly failures: ReadFailure[] = [];
  private readonly skippedTypes = new Set<string>();
  private documents = 0;

  constructor(private readonly origin: ResourceOrigin) {}

  readValue(value: JsonValue | undefined, position: number | undefined): void {
    // An empty YAML document, such as the one after a trailing `---`.
    if (value === undefined || value === null) {
      return;
    }
    this.documents += 1;

    if (isKubernetesObject(value)) {
      this.resources.push(...kubernetesObjects(value, this.origin));
      return;
    }
    if (Array.isArray(value)) {
      this.readArray(value, position);
      return;
    }
    if (!isJsonObject(value)) {
      this.fail(
        `${positionText(
          position,
        )}is a ${typeof value}, not an object; ${EXPECTED_CONTENT}`,
      );
      return;
    }
    if (isArmTemplate(value)) {
      const read = armTemplateResources(value, this.origin);
      this.resources.push(...read.resources);
      read.skippedTypes.forEach(type => this.skippedTypes.add(type));
      return;
    }

    const example = exampleBody(value);
    if (example) {
      this.readArmContainer(
        example.body,
        position,
        'api-example',
        example.apiVersion,
      );
      return;
    }
    this.readArmContainer(value, position);
  }

  /** Reads a list page, a Resource Graph result or a single resource. */
  private readArmContainer(
    value: JsonObject,
    position: number | undefined,
    format?: ResourceFormat,
    apiVersion?: string,
  ): void {
    const items = listItems(value);
    if (items) {
      const found = items.filter(item =>
        this.readArm(item, format, apiVersion),
      ).length;
      if (found === 0 && items.length > 0 && this.skippedTypes.size === 0) {
        this.fail(
          `${positionText(
            position,
          )}lists no ARM resource with an id, a name and a type`,
        );
      }
      return;
    }

    if (!this.readArm(value, format, apiVersion) && !this.skippedTypes.size) {
      const kind =
        typeof value.kind === 'string' ? ` (kind ${value.kind})` : '';
      const problem =
        typeof value.kind === 'string' || typeof value.apiVersion === 'string'
          ? `has no ${
              typeof value.kind === 'string' ? 'apiVersion' : 'kind'
            }${kind}`
          : 'has no kind and no ARM id, name and type';
      this.fail(`${positionText(position)}${problem}; ${EXPECTED_CONTENT}`);
    }
  }

  private readArray(values: JsonValue[], position: number | undefined): void {
    let found = 0;
    for (const item of values) {
      if (isKubernetesObject(item)) {
        this.resources.push(...kubernetesObjects(item, this.origin));
        found += 1;
      } else if (isJsonObject(item) && this.readArm(item)) {
        found += 1;
      }
    }
    if (found === 0 && values.length > 0 && this.skippedTypes.size === 0) {
      this.fail(
        `${positionText(
          position,
        )}is a list without ARM resources or Kubernetes objects; ${EXPECTED_CONTENT}`,
      );
    }
  }

  /** Adds one ARM resource. Returns false for a value without ARM identity or of an unread type. */
  private readArm(
    value: JsonValue,
    format?: ResourceFormat,
    apiVersion?: string,
  ): boolean {
    if (!isJsonObject(value)) {
      return false;
    }
    const normalized = normalizeArmResource(value);
    if (!normalized) {
      return false;
    }
    if (!normalized.supported) {
      this.skippedTypes.add(normalized.type);
      return false;
    }

    const resource: ArmResource = {
      kind: 'arm',
      id: normalized.id,
      type: normalized.type,
      name: normalized.name,
      body: normalized.body,
      origin: {
        ...this.origin,
        ...(apiVersion ? { apiVersion } : {}),
        format: format ?? normalized.format,
      },
    };
    this.resources.push(resource);
    return true;
  }

  fail(problem: string): void {
    this.failures.push(failure(this.origin, problem));
  }

  result(): ParsedDocument {
    if (this.resources.length === 0 && this.failures.length === 0) {
      if (this.skippedTypes.size > 0) {
        this.fail(
          `contains only resources of types the checks do not read (${[
            ...this.skippedTypes,
          ].join(', ')}); ` +
            `expected one of ${SUPPORTED_ARM_TYPES.map(
              entry => entry.type,
            ).join(', ')}, or Kubernetes objects`,
        );
      } else if (this.documents === 0) {
        this.fail(`contains no document; ${EXPECTED_CONTENT}`);
      }
    }
    return { resources: this.resources, failures: this.failures };
  }
}

function parseText(text: string, origin: ResourceOrigin): ParsedDocument {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') {
    return invalid(origin, `is empty; ${EXPECTED_CONTENT}`);
  }

  // A `.json` file is parsed as JSON whatever it starts with, so that its
  // parse error names JSON.
  const jsonFile = /\.json$/i.test(origin.location);
  if (jsonFile || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return invalid(
        origin,
        `is not valid JSON (${parserErrorMessage(error)}); ${EXPECTED_CONTENT}`,
      );
    }
    const reader = new DocumentReader(origin);
    reader.readValue(value as JsonValue, undefined);
    return reader.result();
  }

  return parseYaml(text, origin);
}

function parseYaml(text: string, origin: ResourceOrigin): ParsedDocument {
  const reader = new DocumentReader(origin);
  // Kubernetes reads YAML with go-yaml, which expands `<<` merge keys, so a
  // merged key must reach the checks. YAML 1.2 alone keeps `<<` as a key.
  const documents = Array.from(parseAllDocuments(text, { merge: true }));

  documents.forEach((document, index) => {
    const position = documents.length > 1 ? index + 1 : undefined;
    if (document.errors.length > 0) {
      reader.fail(
        `${positionText(position)}is not valid YAML (${parserErrorMessage(
          document.errors[0],
        )}); ${EXPECTED_CONTENT}`,
      );
      return;
    }

    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      reader.fail(
        `${positionText(
          position,
        )}could not be read as YAML (${parserErrorMessage(error)})`,
      );
      return;
    }
    reader.readValue(value as JsonValue | undefined, position);
  });

  return reader.result();
}

/**
 * Returns the body of an API example file (`responses["200"].body`, or
 * `responses["201"].body` for create-only examples) and the api-version of
 * the example's request.
 */
function exampleBody(
  value: JsonObject,
): { body: JsonObject; apiVersion?: string } | undefined {
  const responses = value.responses;
  if (!isJsonObject(responses)) {
    return undefined;
  }
  const response = isJsonObject(responses['200'])
    ? responses['200']
    : responses['201'];
  if (!isJsonObject(response) || !isJsonObject(response.body)) {
    return undefined;
  }
  const parameters = isJsonObject(value.parameters) ? value.parameters : {};
  const apiVersion = parameters['api-version'];
  return {
    body: response.body,
    apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
  };
}

/**
 * Returns the items of an ARM list page (`value`, with an optional
 * `nextLink`) or an Azure Resource Graph result (`data`), or `undefined`
 * for anything else.
 */
function listItems(value: JsonObject): JsonValue[] | undefined {
  if (Array.isArray(value.value) && value.id === undefined) {
    return value.value;
  }
  const isGraphResult =
    value.count !== undefined ||
    value.totalRecords !== undefined ||
    value.total_records !== undefined;
  if (Array.isArray(value.data) && isGraphResult) {
    return value.data;
  }
  return undefined;
}

function positionText(position: number | undefined): string {
  return position === undefined ? '' : `document ${position} `;
}

function failure(origin: ResourceOrigin, problem: string): ReadFailure {
  return {
    target: origin.location,
    reason: 'invalid-document',
    message: `${origin.location} ${problem}`,
  };
}

function invalid(origin: ResourceOrigin, problem: string): ParsedDocument {
  return { resources: [], failures: [failure(origin, problem)] };
}
