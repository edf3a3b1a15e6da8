type JsonMap = Record<string, unknown>;

/** The time a managed field entry records when the object has no creation time. */
const DEFAULT_TIME = '2025-12-02T14:26:09Z';

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns the key of a list item in the FieldsV1 format: a port with its
 * protocol, the item's `name`, or its condition `type`. A list whose items
 * have none of them is atomic.
 */
function itemKey(item: JsonMap): JsonMap | undefined {
  for (const field of ['containerPort', 'port']) {
    if (typeof item[field] === 'number') {
      return { [field]: item[field], protocol: item.protocol ?? 'TCP' };
    }
  }
  for (const field of ['name', 'type']) {
    if (typeof item[field] === 'string') {
      return { [field]: item[field] };
    }
  }
  return undefined;
}

/** Returns whether a map is a label selector, which the API treats as one atomic value. */
function isLabelSelector(value: JsonMap): boolean {
  return 'matchLabels' in value || 'matchExpressions' in value;
}

/**
 * Returns the FieldsV1 set of a value: `f:<field>` for each field of a map
 * and `k:<key>` for each keyed list item, with `.` where a nested map or an
 * item itself is owned. Lists of scalars, lists of unkeyed items and label
 * selectors are atomic: an empty set.
 */
function fieldSet(value: unknown): JsonMap {
  if (Array.isArray(value)) {
    const keys = value.map(item => (isMap(item) ? itemKey(item) : undefined));
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

  if (!isMap(value) || isLabelSelector(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).map(([field, child]) => [
      `f:${field}`,
      isMap(child) && !isLabelSelector(child)
        ? { '.': {}, ...fieldSet(child) }
        : fieldSet(child),
    ]),
  );
}

/** Returns the FieldsV1 set of an object's top-level fields, which carry no `.` of their own. */
function topLevelFieldSet(fields: JsonMap): JsonMap {
  return Object.fromEntries(
    Object.entries(fields).map(([field, child]) => [
      `f:${field}`,
      fieldSet(child),
    ]),
  );
}

/**
 * Returns `metadata.managedFields` in the shape an API server returns for an
 * object applied by a GitOps controller with server-side apply. An `Apply`
 * entry lists the applied labels, annotations and other fields, and an
 * `Update` entry of the status subresource lists the status fields. The
 * fields come from the saved object, so the `Apply` entry also lists the
 * fields that the API server defaulted.
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
      fieldsV1: topLevelFieldSet({ metadata: appliedMetadata, ...applied }),
      manager: 'kustomize-controller',
      operation: 'Apply',
      time,
    },
  ];
  if (isMap(status)) {
    entries.push({
      apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: topLevelFieldSet({ status }),
      manager: 'kube-controller-manager',
      operation: 'Update',
      subresource: 'status',
      time,
    });
  }
  return entries;
}
