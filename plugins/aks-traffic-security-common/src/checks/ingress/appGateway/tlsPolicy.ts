import { Evidence, JsonObject, JsonValue } from '../../../types';
import { isJsonObject, stringAt } from '../../../resources/json';
import { unknown } from '../../outcomes';
import { CheckOutcome } from '../../types';
import { apiVersionAtLeast, armApiVersion } from '../shared/armApiVersion';
import { GatewayModel, SubResource, referenceName } from './gatewayModel';

/**
 * The TLS policy a listener negotiates with, and where it comes from.
 * `default-predefined` is the read-only `defaultPredefinedSslPolicy`, and
 * `implicit-default` means the body shows no policy at all.
 */
export type EffectiveTlsPolicy =
  | {
      kind: 'explicit';
      /** `SSL profile <name>` or `the gateway`. */
      source: string;
      path: string;
      policy: JsonObject;
    }
  | {
      kind: 'default-predefined';
      source: string;
      path: string;
      policyName: string;
    }
  | { kind: 'implicit-default'; source: string; path: string };

/** A TLS policy and the listeners that use it. */
export interface TlsPolicyGroup {
  listeners: string[];
  /** The policy, or `undefined` when the listener's SSL profile was not found. */
  policy?: EffectiveTlsPolicy;
  /** The `unknown` outcome when the policy could not be resolved. */
  unresolved?: CheckOutcome;
}

const POLICY_KEYS = ['policyType', 'policyName', 'minProtocolVersion'];

/** Every `sslPolicy` field the checks read. */
const POLICY_FIELDS = [...POLICY_KEYS, 'cipherSuites', 'disabledSslProtocols'];

/**
 * Tells whether an `sslPolicy` object sets a policy. An empty object, or one
 * with only cipher suites, leaves the policy to the next level.
 */
export function hasExplicitPolicy(value: unknown): value is JsonObject {
  if (!isJsonObject(value)) {
    return false;
  }
  const disabled = value.disabledSslProtocols;
  return (
    POLICY_KEYS.some(
      key => typeof value[key] === 'string' && value[key] !== '',
    ) ||
    (Array.isArray(disabled) && disabled.length > 0)
  );
}

/**
 * Resolves the gateway-level policy: the explicit `sslPolicy`, else the
 * read-only `defaultPredefinedSslPolicy`, else the implicit default. It
 * treats an unreadable `sslPolicy` as absent, so {@link tlsPolicyGroups}
 * checks for one first.
 */
export function gatewayTlsPolicy(model: GatewayModel): EffectiveTlsPolicy {
  if (hasExplicitPolicy(model.properties.sslPolicy)) {
    return {
      kind: 'explicit',
      source: 'the gateway',
      path: 'properties.sslPolicy',
      policy: model.properties.sslPolicy,
    };
  }

  const defaultName = stringAt(model.properties, 'defaultPredefinedSslPolicy');
  if (defaultName) {
    return {
      kind: 'default-predefined',
      source: 'the gateway',
      path: 'properties.defaultPredefinedSslPolicy',
      policyName: defaultName,
    };
  }
  return {
    kind: 'implicit-default',
    source: 'the gateway',
    path: 'properties.sslPolicy',
  };
}

/**
 * Returns the `unknown` outcome for an `sslPolicy` value that is present but
 * cannot be read: not an object, or an object with keys but none of the
 * fields the checks read. Treating it as absent would judge the default
 * policy instead. An absent or `null` value or an empty object is no policy.
 */
function unreadablePolicy(
  model: GatewayModel,
  value: JsonValue | undefined,
  source: string,
  path: string,
): CheckOutcome | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }

  if (isJsonObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 || keys.some(key => POLICY_FIELDS.includes(key))) {
      return undefined;
    }
    return unknown(
      'unrecognised-value',
      `The sslPolicy of ${source} has none of the fields ${POLICY_FIELDS.join(
        ', ',
      )} (its keys are ${keys.join(
        ', ',
      )}), so its TLS policy cannot be judged.`,
      [
        {
          resource: model.resource.id,
          path,
          observed: keys,
          expected: `an object with ${POLICY_FIELDS.join(', ')}`,
        },
      ],
    );
  }

  const kind = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return unknown(
    'unrecognised-value',
    `The sslPolicy of ${source} is ${kind}, not an object, so its TLS policy cannot be judged.`,
    [
      {
        resource: model.resource.id,
        path,
        observed: value,
        expected: 'an object',
      },
    ],
  );
}

function profilePolicy(profile: SubResource): EffectiveTlsPolicy | undefined {
  const policy = profile.properties.sslPolicy;
  if (!hasExplicitPolicy(policy)) {
    return undefined;
  }
  return {
    kind: 'explicit',
    source: `SSL profile ${profile.name}`,
    path: `${profile.path}.properties.sslPolicy`,
    policy,
  };
}

/** Returns the element name of a listener: its name, marked for layer-4 listeners. */
export function listenerElement(
  listener: SubResource,
  layer4: boolean,
): string {
  return layer4 ? `${listener.name} (TLS listener)` : listener.name;
}

/**
 * Groups the served HTTPS and TLS listeners by their effective policy. A
 * listener's SSL profile decides only when the profile sets a policy; a
 * profile used only for client authentication inherits the gateway's.
 * A listener whose policy is present but unreadable gets `unknown`.
 */
export function tlsPolicyGroups(model: GatewayModel): TlsPolicyGroup[] {
  const gatewayUnreadable = unreadablePolicy(
    model,
    model.properties.sslPolicy,
    'the gateway',
    'properties.sslPolicy',
  );
  const gatewayGroup: Omit<TlsPolicyGroup, 'listeners'> = gatewayUnreadable
    ? { unresolved: gatewayUnreadable }
    : { policy: gatewayTlsPolicy(model) };
  const groups = new Map<string, TlsPolicyGroup>();
  const add = (
    key: string,
    listener: string,
    group: Omit<TlsPolicyGroup, 'listeners'>,
  ) => {
    const existing = groups.get(key);
    if (existing) {
      existing.listeners.push(listener);
    } else {
      groups.set(key, { ...group, listeners: [listener] });
    }
  };

  const listeners = [
    ...model
      .servedHttpsListeners()
      .map(listener => ({ listener, layer4: false })),
    ...model.servedTlsListeners().map(listener => ({ listener, layer4: true })),
  ];
  for (const { listener, layer4 } of listeners) {
    const element = listenerElement(listener, layer4);
    const profileName = referenceName(listener, 'sslProfile');
    if (profileName === undefined) {
      add('gateway', element, gatewayGroup);
      continue;
    }

    const profile = model.find('sslProfiles', profileName);
    if (!profile) {
      add(`missing:${profileName.toLowerCase()}`, element, {
        unresolved: unknown(
          'unresolved-reference',
          `Listener ${listener.name} uses SSL profile ${profileName}, which is not defined on the gateway, so its TLS policy cannot be judged.`,
          [
            {
              resource: model.resource.id,
              path: `${listener.path}.properties.sslProfile.id`,
              observed: profileName,
              expected: 'an entry of properties.sslProfiles',
            },
          ],
        ),
      });
      continue;
    }

    const profileUnreadable = unreadablePolicy(
      model,
      profile.properties.sslPolicy,
      `SSL profile ${profile.name}`,
      `${profile.path}.properties.sslPolicy`,
    );
    const policy = profilePolicy(profile);
    if (profileUnreadable) {
      add(`profile:${profile.name.toLowerCase()}`, element, {
        unresolved: profileUnreadable,
      });
    } else if (policy) {
      add(`profile:${profile.name.toLowerCase()}`, element, { policy });
    } else {
      add('gateway', element, gatewayGroup);
    }
  }
  return [...groups.values()];
}

/**
 * The shape of an explicit policy. A policy without `policyType` is
 * Predefined when it names a policy, Custom when it sets a minimum version,
 * and the legacy form when it only lists disabled protocols.
 */
export type PolicyForm =
  | { form: 'predefined'; policyName?: string }
  | {
      form: 'custom';
      /** `Custom` or `CustomV2`, as canonical spelling. */
      policyType: 'Custom' | 'CustomV2';
      minProtocolVersion?: string;
      cipherSuites?: string[];
      disabledSslProtocols: string[];
    }
  | { form: 'legacy'; disabledSslProtocols: string[]; cipherSuites?: string[] }
  | { form: 'unrecognised'; policyType: string };

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : undefined;
}

/** Classifies an explicit policy object. */
export function classifyPolicy(policy: JsonObject): PolicyForm {
  const policyType = stringAt(policy, 'policyType');
  const policyName = stringAt(policy, 'policyName');
  const minProtocolVersion =
    stringAt(policy, 'minProtocolVersion') || undefined;
  const cipherSuites = stringList(policy.cipherSuites);
  const disabledSslProtocols = stringList(policy.disabledSslProtocols) ?? [];
  const type = policyType?.toLowerCase();

  if (type === 'predefined' || (type === undefined && policyName)) {
    return { form: 'predefined', policyName };
  }
  if (
    type === 'custom' ||
    type === 'customv2' ||
    (type === undefined && minProtocolVersion)
  ) {
    return {
      form: 'custom',
      policyType: type === 'customv2' ? 'CustomV2' : 'Custom',
      minProtocolVersion,
      cipherSuites,
      disabledSslProtocols,
    };
  }
  if (type === undefined) {
    return { form: 'legacy', disabledSslProtocols, cipherSuites };
  }
  return { form: 'unrecognised', policyType: policyType! };
}

/** Parses `TLSv1_2` into `[1, 2]`, or returns `undefined`. */
export function parseTlsVersion(value: string): [number, number] | undefined {
  const match = /^TLSv(\d+)_(\d+)$/i.exec(value.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Tells whether a parsed TLS version is 1.2 or higher, comparing numerically. */
export function isAtLeastTls12([major, minor]: [number, number]): boolean {
  return major > 1 || (major === 1 && minor >= 2);
}

/** Tells whether a legacy `disabledSslProtocols` list turns off TLS 1.0 and 1.1. */
export function disablesTls10And11(disabled: string[]): boolean {
  const lower = disabled.map(protocol => protocol.toLowerCase());
  return lower.includes('tlsv1_0') && lower.includes('tlsv1_1');
}

/**
 * Returns the evidence for a gateway whose body shows no TLS policy, naming
 * the api-version where it explains why `defaultPredefinedSslPolicy` is absent.
 */
export function implicitDefaultEvidence(model: GatewayModel): Evidence[] {
  const { apiVersion, fromTemplate } = armApiVersion(model.resource);
  let note: string;
  if (fromTemplate) {
    note =
      'A template never carries the read-only defaultPredefinedSslPolicy, so the default policy is not shown.';
  } else if (apiVersion === undefined) {
    note = 'The api-version of the read is unknown.';
  } else if (apiVersionAtLeast(apiVersion, '2023-04-01') === false) {
    note = `The body was read with api-version ${apiVersion}, which does not return defaultPredefinedSslPolicy (returned from 2023-04-01 on).`;
  } else {
    note = `The body was read with api-version ${apiVersion} and shows no defaultPredefinedSslPolicy.`;
  }

  return [
    {
      resource: model.resource.id,
      path: 'properties.sslPolicy',
      observed: model.properties.sslPolicy ?? null,
      expected: 'an explicit policy with a minimum of TLS 1.2',
      note,
    },
    {
      resource: model.resource.id,
      path: 'properties.sku',
      observed: { tier: model.skuTier ?? null, name: model.skuName ?? null },
    },
  ];
}
