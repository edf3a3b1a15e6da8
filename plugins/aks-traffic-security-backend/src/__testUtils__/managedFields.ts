type JsonMap = Record<string, unknown>;

/** The time a managed field entry records when the object has no creation time. */
const DEFAULT_TIME = '2025-12-02T14:26:09Z';

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns the key of a list item in the FieldsV1 format: the item's `name`,
 * or its port and protocol. A list whose items have neither is atomic.
 */
function itemKey(item: JsonMap): JsonMap | undefined {
  if (typeof item.name === 'string') {
    return { name: item.name };
  }
  for (const field of ['containerPort', 'port']) {
    if (typeof item[field] === 'number') {
      return { [field]: item[field], protocol: item.protocol ?? 'TCP' };
    }
  }
  return undefined;
}

/**
 * Returns the FieldsV1 set of a value: `f:<field>` for each field of a map,
 * `k:<key>` for each keyed list item and `v:<value>` for each scalar item,
 * with `.` where the map or item itself is owned.
 */
function fieldSet(value: unknown): JsonMap {
  if (Array.isArray(value)) {
    const keys = value.map(item => (isMap(item) ? itemKey(item) : undefined));
    if (value.every(item => !isMap(item))) {
      return Object.fromEntries(
        value.map(item => [`v:${JSON.stringify(item)}`, {}]),
      );
    }
    if (keys.some(key => key === undefined)) {
      return {};
    }
    return Object.fromEntries(
      value.map((item, index) => [
        `k:${JSON.stringify(keys[index])}`,
        { '.': {}, ...fieldSet(item) },
      ]),
    );
  }

  if (!isMap(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).map(([field, child]) => [
      `f:${field}`,
      isMap(child) ? { '.': {}, ...fieldSet(child) } : fieldSet(child),
    ]),
  );
}

/**
 * Returns the `metadata.managedFields` that an API server returns for an
 * object applied by a GitOps controller with server-side apply. An `Apply`
 * entry lists the applied labels, annotations and other fields, and an
 * `Update` entry of the status subresource lists the status fields.
 */
export function managedFieldsOf(object: JsonMap): JsonMap[] {
  const {
    apiVersion,
    kind: _kind,
    metadata = {},
    status,
    ...applied
  } = object as JsonMap & { metadata?: JsonMap };
  const time = metadata.creationTimestamp ?? DEFAULT_TIME;
  const appliedMetadata = Object.fromEntries(
    ['labels', 'annotations']
      .filter(field => isMap(metadata[field]))
      .map(field => [field, metadata[field]]),
  );

  const entries: JsonMap[] = [
    {
      apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: fieldSet({ metadata: appliedMetadata, ...applied }),
      manager: 'kustomize-controller',
      operation: 'Apply',
      time,
    },
  ];
  if (isMap(status)) {
    entries.push({
      apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { '.': {}, ...fieldSet(status) } },
      manager: 'kube-controller-manager',
      operation: 'Update',
      subresource: 'status',
      time,
    });
  }
  return entries;
}
