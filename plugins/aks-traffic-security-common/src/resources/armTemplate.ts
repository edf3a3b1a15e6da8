import { ArmResource, JsonObject, JsonValue, ResourceOrigin } from '../types';
import { isJsonObject } from './json';
import { setField } from './setField';
import { normalizeArmResource } from './normalizeArm';
import {
  Evaluated,
  evaluateTemplateString,
  isTemplateExpression,
  renderPartial,
  splitResourceName,
  templateResourceId,
  TemplateScope,
} from './armTemplateExpressions';

/**
 * The resources of an ARM template, and the types it declares that the
 * checks do not read.
 *
 * @public
 */
export interface ArmTemplateResources {
  resources: ArmResource[];
  skippedTypes: string[];
}

/** Fields of a template resource that are deployment instructions, not part of the resource. */
const DEPLOYMENT_FIELDS = new Set([
  'apiVersion',
  'dependsOn',
  'condition',
  'copy',
  'comments',
  'scope',
  'existing',
  'metadata',
  'resources',
  'import',
]);

const DEPLOYMENTS_TYPE = 'microsoft.resources/deployments';

/** Nested deployments deeper than this are not read. */
const MAX_DEPLOYMENT_DEPTH = 8;

/**
 * Tells whether a JSON value is an ARM deployment template: it has
 * `resources` (an array, or an object of symbolic names in language
 * version 2.0) and a `$schema` or `contentVersion`.
 *
 * @public
 */
export function isArmTemplate(value: unknown): value is JsonObject {
  if (!isJsonObject(value)) {
    return false;
  }
  const hasResources =
    Array.isArray(value.resources) || isJsonObject(value.resources);
  return (
    hasResources &&
    (typeof value.$schema === 'string' || value.contentVersion !== undefined)
  );
}

/**
 * Reads the resources of an ARM template, including child resources and the
 * templates of nested deployments (`Microsoft.Resources/deployments` with
 * `properties.template`), in ARM wire shape.
 *
 * Names and property values that are template expressions are evaluated
 * where they only use parameter defaults, variables, `concat`, `format`,
 * `toLower`, `toUpper` and `resourceId`. Each resource gets a stable
 * synthesised id (see {@link templateResourceId}), and its `origin` records
 * the resource's `apiVersion` and the format `arm-template`.
 *
 * @public
 */
export function armTemplateResources(
  template: JsonObject,
  origin: ResourceOrigin,
): ArmTemplateResources {
  const read: ArmTemplateResources = { resources: [], skippedTypes: [] };
  readTemplate(template, new TemplateScope(template), origin, read, 0);
  return read;
}

interface Parent {
  type: string;
  name: string;
}

function readTemplate(
  template: JsonObject,
  scope: TemplateScope,
  origin: ResourceOrigin,
  read: ArmTemplateResources,
  depth: number,
): void {
  // TODO: `copy` loops are read as one resource; names that use copyIndex() stay unresolved.
  for (const entry of templateEntries(template.resources)) {
    readResource(entry, undefined, scope, origin, read, depth);
  }
}

function templateEntries(resources: JsonValue | undefined): JsonObject[] {
  if (Array.isArray(resources)) {
    return resources.filter(isJsonObject);
  }
  if (isJsonObject(resources)) {
    return Object.values(resources).filter(isJsonObject);
  }
  return [];
}

function readResource(
  entry: JsonObject,
  parent: Parent | undefined,
  scope: TemplateScope,
  origin: ResourceOrigin,
  read: ArmTemplateResources,
  depth: number,
): void {
  // An `existing` resource is only referenced by the template, not declared.
  if (entry.existing === true || isDisabled(entry, scope)) {
    return;
  }

  const declaredType =
    typeof entry.type === 'string'
      ? renderPartial(scope.evaluateValue(entry.type))
      : '';
  const declaredName =
    typeof entry.name === 'string'
      ? renderPartial(scope.evaluateValue(entry.name))
      : '';
  if (declaredType === '' || declaredName === '') {
    return;
  }

  // A child resource declared inside its parent names its type and name
  // relative to the parent's.
  const relative = parent !== undefined && !declaredType.includes('/');
  const type = relative ? `${parent.type}/${declaredType}` : declaredType;
  const name = relative ? `${parent.name}/${declaredName}` : declaredName;

  if (type.toLowerCase() === DEPLOYMENTS_TYPE) {
    readNestedDeployment(entry, scope, origin, read, depth);
    return;
  }

  const body: JsonObject = {};
  for (const [key, value] of Object.entries(entry)) {
    if (!DEPLOYMENT_FIELDS.has(key) && key !== 'type' && key !== 'name') {
      setField(body, key, substituteExpressions(value, scope));
    }
  }
  const nameSegments = splitResourceName(name);
  body.id = templateResourceId(type, name);
  body.name = nameSegments[nameSegments.length - 1];
  body.type = type;

  const normalized = normalizeArmResource(body);
  if (normalized?.supported) {
    read.resources.push({
      kind: 'arm',
      id: normalized.id,
      type: normalized.type,
      name: normalized.name,
      body: normalized.body,
      origin: {
        ...origin,
        apiVersion:
          typeof entry.apiVersion === 'string' ? entry.apiVersion : undefined,
        format: 'arm-template',
      },
    });
  } else {
    read.skippedTypes.push(type);
  }

  for (const child of templateEntries(entry.resources)) {
    readResource(child, { type, name }, scope, origin, read, depth);
  }
}

function isDisabled(entry: JsonObject, scope: TemplateScope): boolean {
  if (entry.condition === undefined) {
    return false;
  }
  const condition = scope.evaluateValue(entry.condition);
  return condition.resolved && condition.value === false;
}

function readNestedDeployment(
  entry: JsonObject,
  scope: TemplateScope,
  origin: ResourceOrigin,
  read: ArmTemplateResources,
  depth: number,
): void {
  const properties = isJsonObject(entry.properties) ? entry.properties : {};
  const template = properties.template;
  if (!isJsonObject(template) || depth >= MAX_DEPLOYMENT_DEPTH) {
    // TODO: a nested deployment that links its template (`templateLink`) is not followed.
    return;
  }

  // With the default `outer` scope, the nested template's expressions read
  // the parent's parameters and variables. With `inner`, they read the
  // nested template's own parameters, set to the values the deployment passes.
  const options = properties.expressionEvaluationOptions;
  const inner =
    isJsonObject(options) && String(options.scope).toLowerCase() === 'inner';
  const nestedScope = inner
    ? new TemplateScope(
        template,
        passedParameters(properties.parameters, scope),
      )
    : scope;

  readTemplate(template, nestedScope, origin, read, depth + 1);
}

function passedParameters(
  parameters: JsonValue | undefined,
  scope: TemplateScope,
): Map<string, Evaluated> {
  const values = new Map<string, Evaluated>();
  if (!isJsonObject(parameters)) {
    return values;
  }
  for (const [name, parameter] of Object.entries(parameters)) {
    if (isJsonObject(parameter) && parameter.value !== undefined) {
      values.set(name.toLowerCase(), scope.evaluateValue(parameter.value));
    }
  }
  return values;
}

/**
 * Replaces each template expression in a JSON value with its value when it
 * can be evaluated. A `resourceId(...)` reference is replaced even when some
 * of its names are unresolved, so it still matches the id synthesised for
 * the resource it names. Other unresolved expressions stay as written.
 */
function substituteExpressions(
  value: JsonValue,
  scope: TemplateScope,
): JsonValue {
  if (typeof value === 'string') {
    if (!isTemplateExpression(value) && !value.trim().startsWith('[[')) {
      return value;
    }
    const evaluated = evaluateTemplateString(value, scope);
    if (evaluated.resolved) {
      return evaluated.value;
    }
    return evaluated.functionName === 'resourceid' ? evaluated.partial : value;
  }
  if (Array.isArray(value)) {
    return value.map(item => substituteExpressions(item, scope));
  }
  if (isJsonObject(value)) {
    const result: JsonObject = {};
    for (const [key, field] of Object.entries(value)) {
      setField(result, key, substituteExpressions(field, scope));
    }
    return result;
  }
  return value;
}
