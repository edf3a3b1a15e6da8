import {
  ArmResource,
  isJsonObject,
  JsonObject,
  normalizeArmResource,
  sameArmId,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Builds the resource of one ARM read in wire shape.
 *
 * A GET keeps the HTTP response body, which is the wire body exactly. The
 * items of a list, which the SDK pages through itself, arrive only as
 * generated SDK models. Those flatten `properties`, leave out properties
 * that their api-version does not define and rename a few AKS properties
 * (`enableRbac` for `enableRBAC`). So they are mapped back to wire names
 * with the common package's normaliser. Returns an error message when the
 * body is not the expected resource.
 */
export function toArmResource(options: {
  expectedId?: string;
  expectedType: string;
  /** The HTTP response body, when it was captured. */
  body?: unknown;
  /** The SDK model, used when no body was captured. */
  model?: unknown;
  /** The request URL, which carries the api-version. */
  url: string;
  readAt: string;
}): ArmResource | string {
  const source = isJsonObject(options.body)
    ? options.body
    : modelToJson(options.model);
  if (!source) {
    return 'the response has no JSON object body';
  }

  const normalized = normalizeArmResource(source);
  if (!normalized) {
    return 'the response body has no resource id';
  }
  if (normalized.type.toLowerCase() !== options.expectedType.toLowerCase()) {
    return `the response body is a ${normalized.type}, not a ${options.expectedType}`;
  }
  if (options.expectedId && !sameArmId(normalized.id, options.expectedId)) {
    return `the response body is resource ${normalized.id}`;
  }

  return {
    kind: 'arm',
    id: normalized.id,
    type: normalized.type,
    name: normalized.name,
    body: normalized.body,
    origin: {
      source: 'azure',
      location: withoutQuery(options.url),
      readAt: options.readAt,
      apiVersion: apiVersionOf(options.url),
      format: normalized.format,
    },
  };
}

/** Turns an SDK model into JSON: dates become ISO strings, undefined fields go. */
function modelToJson(model: unknown): JsonObject | undefined {
  if (model === undefined || model === null) {
    return undefined;
  }
  const json = JSON.parse(JSON.stringify(model));
  return isJsonObject(json) ? json : undefined;
}

export function apiVersionOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('api-version') ?? undefined;
  } catch {
    return undefined;
  }
}

function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}
