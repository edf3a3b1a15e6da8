import { JsonObject, JsonValue, ResourceFormat } from '../types';
import { isJsonObject } from './json';
import { setField } from './setField';
import { armIdType } from './armIds';
import {
  armTypeShape,
  ArmTypeShape,
  wirePropertyNames,
} from './armResourceTypes';

/**
 * An ARM resource in wire shape, with the input shape it was read in.
 *
 * @public
 */
export interface NormalizedArmResource {
  id: string;
  /** The type as the ARM specification spells it when the type is supported, else as read. */
  type: string;
  name: string;
  /** The wire body: envelope fields at the top, everything else under `properties`. */
  body: JsonObject;
  format: ResourceFormat;
  /** False when the checks read no resource of this type. */
  supported: boolean;
}

/**
 * Top-level fields of an ARM wire body. Everything else belongs in
 * `properties`. `sku` is added per type, because some providers put it in
 * `properties`. Managed clusters spell the entity tag `eTag`.
 */
const ENVELOPE_FIELDS = new Set([
  'id',
  'name',
  'type',
  'location',
  'tags',
  'identity',
  'etag',
  'eTag',
  'zones',
  'systemData',
  'kind',
  'extendedLocation',
  'managedBy',
  'plan',
]);

/** No names with a wire spelling of their own, for the envelope fields. */
const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** Top-level fields of a sub-resource such as a listener or a route. */
const SUB_RESOURCE_ENVELOPE_FIELDS = new Set(['id', 'name', 'type', 'etag']);

/** Fields that Azure Resource Graph and the Azure CLI add around a wire body. */
const LISTING_FIELDS = ['resourceGroup', 'subscriptionId', 'tenantId'];

/**
 * Objects whose keys are data (tag names, add-on names, identity ids), so
 * their keys are never renamed. Their values are still normalised.
 */
const FREE_FORM_MAPS = new Set([
  'tags',
  'addonProfiles',
  'config',
  'userAssignedIdentities',
  'identityProfile',
  'nodeLabels',
  'podLabels',
  'additionalProperties',
  'delegatedResources',
]);

/**
 * Converts one ARM resource, in any of the shapes it arrives in, to the ARM
 * wire shape: `id`, `name`, `type` and the other envelope fields at the top
 * and everything else under `properties`, with wire property names.
 *
 * Accepted shapes: an ARM wire body (GET response, list page element,
 * template resource); `az ... show -o json` output, which flattens
 * `properties`, prints unset fields as `null`, adds `resourceGroup` to every
 * object with an id and spells some names in another letter case
 * (`enableRbac`, `authorizedIpRanges`, `privateFqdn`); an Azure Resource
 * Graph row; and a JavaScript SDK model, which is flattened like the CLI
 * output but has no `resourceGroup` and no nulls. In any of them, property
 * names may start with a capital letter, as in a hand-written template.
 *
 * Returns `undefined` when the value has neither an ARM id nor a type and a name.
 *
 * @public
 */
export function normalizeArmResource(
  input: JsonObject,
): NormalizedArmResource | undefined {
  const value = renameKeys(input, NO_NAMES, false, false) as JsonObject;
  const identity = armIdentity(value);
  if (!identity) {
    return undefined;
  }

  const typeShape = armTypeShape(identity.type);
  const flattened = !isJsonObject(value.properties);
  const fromListing = typeof value.resourceGroup === 'string';
  const format = inputFormat(value, flattened, fromListing);

  // The CLI and Resource Graph print every unset field as null, where a
  // wire body leaves it out. Null would otherwise read as a set value.
  const cleaned =
    fromListing || format === 'sdk-model' ? withoutNulls(value) : value;

  const type = typeShape?.type ?? identity.type;
  const body = toWireShape(cleaned, type, typeShape, flattened, fromListing);
  body.id = identity.id;
  body.name = identity.name;
  body.type = type;

  return {
    id: identity.id,
    type,
    name: identity.name,
    body,
    format,
    supported: typeShape !== undefined,
  };
}

function inputFormat(
  value: JsonObject,
  flattened: boolean,
  fromListing: boolean,
): ResourceFormat {
  if (fromListing) {
    return 'az-cli';
  }
  if (flattened && hasNonEnvelopeFields(value)) {
    return 'sdk-model';
  }
  return 'arm-resource';
}

function armIdentity(
  value: JsonObject,
): { id: string; type: string; name: string } | undefined {
  const id =
    typeof value.id === 'string' && value.id.trim() !== ''
      ? value.id
      : undefined;

  let type =
    typeof value.type === 'string' && value.type.includes('/')
      ? value.type
      : undefined;
  if (type === undefined && id !== undefined) {
    type = armIdType(id);
  }

  let name =
    typeof value.name === 'string' && value.name !== ''
      ? value.name
      : undefined;
  if (name === undefined && id !== undefined) {
    name = id.replace(/\/+$/, '').split('/').pop();
  }

  if (!id || !type || !name) {
    return undefined;
  }
  return { id, type, name };
}

function hasNonEnvelopeFields(value: JsonObject): boolean {
  return Object.keys(value).some(
    key => !ENVELOPE_FIELDS.has(key) && key !== 'sku',
  );
}

function toWireShape(
  value: JsonObject,
  type: string,
  typeShape: ArmTypeShape | undefined,
  flattened: boolean,
  fromListing: boolean,
): JsonObject {
  const skuAtTopLevel = typeShape?.skuAtTopLevel ?? true;
  const envelope: JsonObject = {};
  const properties: JsonObject = flattened
    ? {}
    : { ...(value.properties as JsonObject) };

  for (const [key, field] of Object.entries(value)) {
    if (key === 'properties' && !flattened) {
      continue;
    }
    if (fromListing && LISTING_FIELDS.includes(key)) {
      continue;
    }
    if (ENVELOPE_FIELDS.has(key)) {
      setField(envelope, key, field);
    } else if (key === 'sku') {
      if (skuAtTopLevel) {
        setField(envelope, key, field);
      } else if (properties.sku === undefined) {
        setField(properties, key, field);
      }
    } else if (flattened) {
      // The Python and JavaScript SDKs rename `properties.type` to
      // `typePropertiesType` where it would clash with the resource type.
      setField(properties, key === 'typePropertiesType' ? 'type' : key, field);
    } else {
      setField(envelope, key, field);
    }
  }

  // A body read from a provider that keeps sku at the top, in a template for
  // a type that keeps it in properties, is moved too.
  if (
    !skuAtTopLevel &&
    envelope.sku !== undefined &&
    properties.sku === undefined
  ) {
    properties.sku = envelope.sku;
    delete envelope.sku;
  }

  const names = wirePropertyNames(type);
  const renamed = renameKeys(properties, names) as JsonObject;
  // The provider's own spellings apply to its properties only: a managed
  // cluster's `aadProfile.tenantID` is `identity.tenantId` in its envelope.
  for (const field of ['identity', 'sku']) {
    if (envelope[field] !== undefined) {
      envelope[field] = renameKeys(envelope[field], NO_NAMES);
    }
  }
  if (typeShape) {
    wrapSubResources(renamed, typeShape);
  }

  if (Object.keys(renamed).length > 0 || !flattened) {
    envelope.properties = renamed;
  }
  return envelope;
}

/**
 * Renames object keys to their wire spelling, recursively unless `deep` is
 * false. Keys of free-form maps (tags, add-on names) are data and keep their
 * spelling.
 */
function renameKeys(
  value: JsonValue,
  names: ReadonlyMap<string, string>,
  keysAreData = false,
  deep = true,
): JsonValue {
  if (Array.isArray(value)) {
    let renamed: JsonValue[] | undefined;
    value.forEach((item, index) => {
      const child = renameKeys(item, names);
      if (child !== item) {
        renamed ??= [...value];
        renamed[index] = child;
      }
    });
    return renamed ?? value;
  }
  if (!isJsonObject(value)) {
    return value;
  }

  // A wire body already has wire names, so its objects are returned as they
  // are. Copying them doubled what normalizing a large gateway allocated.
  const entries = Object.entries(value);
  let result: JsonObject | undefined;
  entries.forEach(([key, field], index) => {
    const wireKey = keysAreData ? key : wireName(key, names);
    const child = deep
      ? renameKeys(field, names, !keysAreData && FREE_FORM_MAPS.has(wireKey))
      : field;
    if (!result) {
      if (wireKey === key && child === field) {
        return;
      }
      result = {};
      for (const [earlierKey, earlierField] of entries.slice(0, index)) {
        setField(result, earlierKey, earlierField);
      }
    }

    // When both spellings are present, the wire spelling wins.
    if (
      wireKey !== key &&
      Object.prototype.hasOwnProperty.call(value, wireKey)
    ) {
      return;
    }
    setField(result, wireKey, child);
  });
  return result ?? value;
}

/**
 * Returns the wire spelling of a property name. ARM matches property names
 * without regard to letter case, so a template may spell `SslPolicy` or
 * `Action` where a GET response has `sslPolicy` and `action`. Bicep reports
 * names that differ only in case as clashes for that reason (Azure/bicep
 * pull request 11457). Names whose wire spelling is not plain camel case
 * (`enableRBAC`) come from `names`. Any other name that starts with a
 * capital letter is turned into camel case: `IPAddress` becomes `ipAddress`.
 */
function wireName(key: string, names: ReadonlyMap<string, string>): string {
  const listed = names.get(key.toLowerCase());
  if (listed !== undefined) {
    return listed;
  }

  let capitals = 0;
  while (capitals < key.length && isCapital(key.charCodeAt(capitals))) {
    capitals += 1;
  }
  if (capitals === 0) {
    return key;
  }
  // In `IPAddress` the last capital of the run starts the next word.
  const lower =
    capitals === key.length || capitals === 1 ? capitals : capitals - 1;
  return key.slice(0, lower).toLowerCase() + key.slice(lower);
}

function isCapital(code: number): boolean {
  return code >= 65 && code <= 90;
}

/**
 * Moves the fields of flattened sub-resources (listeners, routes, rule
 * collections) into their own `properties`, as on the wire.
 */
function wrapSubResources(
  properties: JsonObject,
  typeShape: ArmTypeShape,
): void {
  const topLevel = typeShape.subResourceCollections.filter(
    path => !path.includes('.'),
  );

  for (const collection of topLevel) {
    const elements = properties[collection];
    if (!Array.isArray(elements)) {
      continue;
    }

    const nested = typeShape.subResourceCollections
      .filter(path => path.startsWith(`${collection}.`))
      .map(path => path.slice(collection.length + 1));
    properties[collection] = elements.map(element => {
      if (!isJsonObject(element)) {
        return element;
      }
      let wrapped = wrapSubResource(element);
      if (nested.length > 0 && isJsonObject(wrapped.properties)) {
        // The nested collections are wrapped in place, so in a copy of the input.
        if (wrapped === element) {
          wrapped = { ...element, properties: { ...wrapped.properties } };
        }
        wrapSubResources(wrapped.properties as JsonObject, {
          ...typeShape,
          subResourceCollections: nested,
          singleSubResources: [],
        });
      }
      return wrapped;
    });
  }

  for (const single of typeShape.singleSubResources) {
    const element = properties[single];
    if (isJsonObject(element)) {
      properties[single] = wrapSubResource(element);
    }
  }
}

function wrapSubResource(element: JsonObject): JsonObject {
  if (isWireSubResource(element)) {
    return element;
  }

  const envelope: JsonObject = {};
  const properties: JsonObject = isJsonObject(element.properties)
    ? { ...element.properties }
    : {};

  for (const [key, field] of Object.entries(element)) {
    if (key === 'properties' && isJsonObject(field)) {
      continue;
    }
    if (SUB_RESOURCE_ENVELOPE_FIELDS.has(key)) {
      setField(envelope, key, field);
    } else if (key === 'resourceGroup' && typeof element.id === 'string') {
      // Added by the Azure CLI to every object that has an id.
      continue;
    } else if (properties[key] === undefined) {
      setField(properties, key, field);
    }
  }

  // A bare reference ({ id }) stays a bare reference.
  if (Object.keys(properties).length > 0) {
    envelope.properties = properties;
  }
  return envelope;
}

/**
 * Tells whether a sub-resource has its wire shape already: only envelope
 * fields, and a `properties` object that is not empty.
 */
function isWireSubResource(element: JsonObject): boolean {
  return Object.keys(element).every(key =>
    key === 'properties'
      ? isJsonObject(element.properties) &&
        Object.keys(element.properties).length > 0
      : SUB_RESOURCE_ENVELOPE_FIELDS.has(key),
  );
}

/**
 * Removes null fields recursively, and the `resourceGroup` that the Azure CLI
 * adds to every nested object with an id. The top-level `resourceGroup` is
 * kept here and dropped by the shape conversion.
 */
function withoutNulls(value: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null) {
      setField(result, key, cleanValue(field));
    }
  }
  return result;
}

function cleanValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map(cleanValue);
  }
  if (isJsonObject(value)) {
    const result: JsonObject = {};
    for (const [key, field] of Object.entries(value)) {
      if (field === null) {
        continue;
      }
      if (key === 'resourceGroup' && typeof value.id === 'string') {
        continue;
      }
      setField(result, key, cleanValue(field));
    }
    return result;
  }
  return value;
}
