import { InputError } from '@backstage/errors';
import {
  armIdType,
  isArmResourceId,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { KeyVaultInputs } from '@aks-traffic-security/plugin-aks-traffic-security-node';

/**
 * Suffixes the skeleton appends to the service name to build object names
 * that must be DNS labels of at most 63 characters. The longest suffix is in the name
 * of the Service that the AKS application routing add-on creates for a
 * Gateway: `<gateway name>-<gateway class name>`.
 */
export const SERVICE_NAME_SUFFIXES: readonly string[] = [
  '-tls',
  '-ca',
  '-kv-tls',
  '-tls-options',
  '-backend',
  '-backend-tls',
  '-default-deny',
  '-allow-dns',
  '-allow-ingress',
  '-gateway-traffic',
  '-approuting-istio',
  '-public-cert',
  '-internal-root',
  '-tls-profile',
  '-https-listener',
  '-pool',
  '-https-settings',
  '-https-probe',
  '-rule',
];

/** The maximum service name length at which every suffixed name fits 63 characters. */
export const SERVICE_NAME_MAX_LENGTH =
  63 - Math.max(...SERVICE_NAME_SUFFIXES.map(suffix => suffix.length));

/** The template inputs the gate re-validates, all optional. */
export interface TemplateInputs extends KeyVaultInputs {
  name?: unknown;
  owner?: unknown;
  system?: unknown;
  description?: unknown;
  hostName?: unknown;
  clusterId?: unknown;
  namespace?: unknown;
  controllerNamespace?: unknown;
  applicationGatewayId?: unknown;
  wafPolicyId?: unknown;
  internalDomainSuffix?: unknown;
  entryPoint?: unknown;
  gatewayImplementation?: unknown;
  tlsToPod?: unknown;
  publishTarget?: unknown;
  failOn?: unknown;
}

interface StringRule {
  expected: string;
  isValid(value: string): boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const RFC1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const FQDN = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ENTITY_REF =
  /^([a-zA-Z][a-zA-Z0-9]{0,62}:)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\/)?[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
const KEY_VAULT_NAME = /^[a-zA-Z](?!.*--)[-a-zA-Z0-9]{1,22}[a-zA-Z0-9]$/;
const KEY_VAULT_OBJECT_NAME = /^[a-zA-Z0-9-]{1,127}$/;
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;

// Characters and sequences that could end a YAML scalar, a JSON string or a
// Bicep string early, or be read as a template expression a second time.
const UNSAFE_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/[\r\n\u2028\u2029]/, 'a line break'],
  // eslint-disable-next-line no-control-regex -- control characters are what it detects
  [/[\u0000-\u001f\u007f]/, 'a control character'],
  [/["'`]/, 'a quote or backtick'],
  [/\\/, 'a backslash'],
  [/\$\{|\{\{|\{%|#\{/, 'a template marker such as ${'],
];

function isFqdn(value: string): boolean {
  return value.length <= 253 && FQDN.test(value);
}

function armIdRule(
  type: string,
  namePattern: RegExp,
  nameForm: string,
): StringRule {
  return {
    expected: `the ARM resource id of a ${type}: /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/${type}/<name>, where the name is ${nameForm}`,
    isValid(value) {
      if (
        !isArmResourceId(value) ||
        armIdType(value)?.toLowerCase() !== type.toLowerCase()
      ) {
        return false;
      }
      const segments = value.split('/');
      return (
        segments.length === 9 &&
        GUID.test(segments[2]) &&
        RESOURCE_GROUP.test(segments[4]) &&
        namePattern.test(segments[8])
      );
    },
  };
}

function enumRule(values: readonly string[]): StringRule {
  return {
    expected: `one of ${values.map(value => `'${value}'`).join(', ')}`,
    isValid: value => values.includes(value),
  };
}

const STRING_RULES: Record<string, StringRule> = {
  name: {
    expected: `a DNS label (RFC 1035) of 1 to ${SERVICE_NAME_MAX_LENGTH} lower-case letters, digits and hyphens that starts with a letter and does not end with a hyphen, such as orders-api`,
    isValid: value =>
      value.length <= SERVICE_NAME_MAX_LENGTH && RFC1035_LABEL.test(value),
  },
  owner: {
    expected: 'a catalog entity reference such as group:default/team-a',
    isValid: value => ENTITY_REF.test(value),
  },
  system: {
    expected: 'a catalog entity reference such as system:default/shop',
    isValid: value => ENTITY_REF.test(value),
  },
  description: {
    expected:
      'one line of at most 200 characters without quotes, backticks, backslashes, dollar signs, braces or angle brackets',
    isValid: value => value.length <= 200 && !/[$<>{}]/.test(value),
  },
  hostName: {
    expected:
      'a fully qualified domain name in lower case, such as orders.contoso.com, without wildcard, scheme, port or trailing dot',
    isValid: isFqdn,
  },
  clusterId: armIdRule(
    'Microsoft.ContainerService/managedClusters',
    /^[a-zA-Z0-9]([-_a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/,
    '1 to 63 letters, digits, hyphens and underscores',
  ),
  namespace: {
    expected:
      'a Kubernetes namespace name: a DNS label of 1 to 63 lower-case letters, digits and hyphens',
    isValid: value => DNS_LABEL.test(value),
  },
  controllerNamespace: {
    expected:
      'the namespace of the ingress controller: a DNS label of 1 to 63 lower-case letters, digits and hyphens',
    isValid: value => DNS_LABEL.test(value),
  },
  applicationGatewayId: armIdRule(
    'Microsoft.Network/applicationGateways',
    /^[a-zA-Z0-9]([-\w.]{0,78}\w)?$/,
    '1 to 80 letters, digits, hyphens, underscores and periods',
  ),
  wafPolicyId: armIdRule(
    'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    /^[a-zA-Z0-9]([-\w.]{0,126}\w)?$/,
    '1 to 128 letters, digits, hyphens, underscores and periods',
  ),
  internalDomainSuffix: {
    expected:
      'a DNS suffix of at most 200 characters in lower case, such as aks-ingress.contoso.com',
    isValid: value => value.length <= 200 && isFqdn(value),
  },
  keyVaultName: {
    expected:
      'a Key Vault name: 3 to 24 letters, digits and single hyphens that starts with a letter and ends with a letter or digit',
    isValid: value => KEY_VAULT_NAME.test(value),
  },
  tenantId: {
    expected: 'a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47',
    isValid: value => GUID.test(value),
  },
  workloadIdentityClientId: {
    expected: 'the client id of a managed identity, a GUID',
    isValid: value => GUID.test(value),
  },
  publicCertificateName: {
    expected: 'a Key Vault object name of 1 to 127 letters, digits and hyphens',
    isValid: value => KEY_VAULT_OBJECT_NAME.test(value),
  },
  internalCertificateName: {
    expected: 'a Key Vault object name of 1 to 127 letters, digits and hyphens',
    isValid: value => KEY_VAULT_OBJECT_NAME.test(value),
  },
  trustedRootCertificateName: {
    expected: 'a Key Vault object name of 1 to 127 letters, digits and hyphens',
    isValid: value => KEY_VAULT_OBJECT_NAME.test(value),
  },
  entryPoint: enumRule(['traefik-ingress', 'gateway-api']),
  gatewayImplementation: enumRule(['traefik', 'app-routing']),
  publishTarget: enumRule(['github', 'azure', 'local']),
  failOn: enumRule(['fail', 'unknown']),
};

/**
 * Namespace prefixes that belong to the platform. Kubernetes reserves `kube-`
 * for its system namespaces (kube-system, kube-public, kube-node-lease), and
 * the Istio-based AKS add-ons, which the `app-routing` Gateway API option
 * uses, run in namespaces such as aks-istio-system.
 */
const RESERVED_NAMESPACE_PREFIXES: ReadonlyArray<[string, string]> = [
  ['kube-', 'a Kubernetes system namespace'],
  ['aks-istio-', 'a namespace of the Istio-based AKS add-ons'],
];

/**
 * Namespaces that AKS add-ons install into: the application routing
 * add-on's NGINX controllers, the Azure Policy add-on's Gatekeeper, and
 * Calico's operator and network policy engine.
 */
const RESERVED_NAMESPACES: ReadonlyArray<[string, string]> = [
  ['app-routing-system', 'the namespace of the application routing add-on'],
  [
    'gatekeeper-system',
    "the namespace of the Azure Policy add-on's Gatekeeper",
  ],
  ['calico-system', 'the namespace of the Calico network policy engine'],
  ['tigera-operator', 'the namespace of the Calico operator'],
];

/**
 * Returns why the service must not be deployed to the namespace, or
 * `undefined` when the namespace is free for it. The skeleton puts a
 * default-deny NetworkPolicy for every pod into the service namespace.
 */
function findNamespaceReservation(
  namespace: string,
  controllerNamespace: unknown,
): string | undefined {
  if (namespace === controllerNamespace) {
    return 'the namespace of the ingress controller';
  }
  if (namespace === 'default') {
    return 'the default namespace, which holds every object created without a namespace';
  }
  const reserved = RESERVED_NAMESPACES.find(([name]) => name === namespace);
  if (reserved) {
    return reserved[1];
  }
  return RESERVED_NAMESPACE_PREFIXES.find(([prefix]) =>
    namespace.startsWith(prefix),
  )?.[1];
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

/**
 * Checks every template input that is present and returns one message per
 * invalid field, naming the field and the expected form. The form validates
 * these values too, but a template run through the API skips the form.
 */
export function findInvalidTemplateInputs(inputs: TemplateInputs): string[] {
  const errors: string[] = [];
  const values = inputs as Record<string, unknown>;

  for (const [field, rule] of Object.entries(STRING_RULES)) {
    const value = values[field];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string') {
      errors.push(
        `Invalid input '${field}': expected a string, ${rule.expected}`,
      );
      continue;
    }

    const unsafe = UNSAFE_PATTERNS.find(([pattern]) => pattern.test(value));
    if (unsafe) {
      errors.push(
        `Invalid input '${field}': it contains ${unsafe[1]}, which could break out of the files it is written into; expected ${rule.expected}`,
      );
      continue;
    }
    if (!rule.isValid(value)) {
      errors.push(
        `Invalid input '${field}' value '${shorten(value)}'; expected ${
          rule.expected
        }`,
      );
    }
  }

  const namespaceIsValid = !errors.some(error =>
    error.startsWith("Invalid input 'namespace'"),
  );
  if (typeof values.namespace === 'string' && namespaceIsValid) {
    const reservation = findNamespaceReservation(
      values.namespace,
      values.controllerNamespace,
    );
    if (reservation) {
      errors.push(
        `Invalid input 'namespace' value '${values.namespace}': it is ${reservation}, and the service's default-deny NetworkPolicy would deny all traffic to and from every pod in it that no other policy allows; expected a namespace of its own for the service, such as orders`,
      );
    }
  }

  if (values.tlsToPod !== undefined && typeof values.tlsToPod !== 'boolean') {
    errors.push(`Invalid input 'tlsToPod': expected a boolean, true or false`);
  }

  // The internal host name is <name>.<suffix>, and a DNS name has at most 253 characters.
  if (
    typeof values.name === 'string' &&
    typeof values.internalDomainSuffix === 'string' &&
    values.name.length + 1 + values.internalDomainSuffix.length > 253
  ) {
    errors.push(
      `Invalid input 'internalDomainSuffix': the internal host name '${values.name}.${values.internalDomainSuffix}' is longer than 253 characters; expected a shorter suffix`,
    );
  }

  return errors;
}

/** Throws an `InputError` that lists every invalid template input. */
export function validateTemplateInputs(inputs: TemplateInputs): void {
  const errors = findInvalidTemplateInputs(inputs);
  if (errors.length > 0) {
    throw new InputError(errors.join('\n'));
  }
}
