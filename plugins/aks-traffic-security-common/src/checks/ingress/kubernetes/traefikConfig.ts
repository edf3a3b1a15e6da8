import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import {
  JsonObject,
  JsonValue,
  KubernetesResource,
  ReadFailure,
} from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { getIgnoreCase, isJsonObject } from '../../../resources/json';
import { kindReadFailure, namespaceOf } from './kubernetesObjects';
import { parserErrorMessage } from '../../../resources/parserErrorMessage';

/** The TLS option that Traefik applies to a router that names none. */
export const DEFAULT_TLS_OPTION = 'default';

/**
 * Traefik's built-in minimum TLS version, used when a TLS option leaves
 * `minVersion` unset (Traefik v2.x and v3.x `pkg/tls` default options).
 */
export const TRAEFIK_DEFAULT_MIN_VERSION = 'VersionTLS12';

/** The API groups of Traefik's CRDs: current and the one before Traefik v3. */
export const TRAEFIK_API_VERSIONS = [
  'traefik.io/v1alpha1',
  'traefik.containo.us/v1alpha1',
];

/** Traefik's route kinds, which only Traefik serves. */
export const TRAEFIK_ROUTE_KINDS = ['IngressRoute', 'IngressRouteTCP'];

/** Tells whether an object belongs to one of Traefik's API groups, in any version. */
export function isTraefikObject(resource: KubernetesResource): boolean {
  return /^traefik\.(io|containo\.us)\//.test(resource.apiVersion);
}

/** A Traefik configuration file found in a ConfigMap, parsed. */
export interface TraefikConfigFile {
  configMap: KubernetesResource;
  key: string;
  config: JsonObject;
}

/** A ConfigMap entry that looks like a Traefik configuration but does not parse. */
export interface TraefikConfigError {
  configMap: KubernetesResource;
  key: string;
  message: string;
}

/** One definition of a TLS option, from a configuration file or a `TLSOption` object. */
export interface TraefikTlsOption {
  /** The name a router uses to refer to it, such as `default` or `a0008-strict@kubernetescrd`. */
  reference: string;
  source: KubernetesResource;
  /** The path of the option inside its source, for evidence. */
  path: string;
  minVersion?: JsonValue;
  sniStrict?: JsonValue;
  cipherSuites?: JsonValue;
}

/** Everything read about Traefik's configuration in the resource set. */
export interface TraefikConfiguration {
  files: TraefikConfigFile[];
  errors: TraefikConfigError[];
  tlsOptionObjects: KubernetesResource[];
  /** The failure of the `TLSOption` list, set when some options may be missing from `tlsOptionObjects`. */
  tlsOptionReadFailure?: ReadFailure;
}

/**
 * Reads Traefik's configuration from every ConfigMap read, in any
 * namespace, and every `TLSOption` object. A ConfigMap entry counts when its
 * key ends in `.toml`, `.yaml` or `.yml` and its top level has a Traefik
 * section (`entryPoints`, `providers` or `tls`). TOML is parsed, not matched.
 */
export function readTraefikConfiguration(
  context: EvaluationContext,
): TraefikConfiguration {
  const files: TraefikConfigFile[] = [];
  const errors: TraefikConfigError[] = [];

  for (const configMap of context.kubernetesInAnyNamespace('ConfigMap')) {
    const read = readConfigMap(configMap);
    files.push(...read.files);
    errors.push(...read.errors);
  }

  const tlsOptionObjects = context
    .kubernetesInAnyNamespace('TLSOption')
    .filter(resource => TRAEFIK_API_VERSIONS.includes(resource.apiVersion));
  // A list that fails with not-found means the TLSOption CRD is not
  // installed, so no TLSOption exists.
  const failure = kindReadFailure(context, 'TLSOption');
  const tlsOptionReadFailure =
    failure?.reason === 'not-found' ? undefined : failure;

  return { files, errors, tlsOptionObjects, tlsOptionReadFailure };
}

/**
 * The Traefik files of each ConfigMap resource. The controller's ConfigMaps
 * are shared by every service on a cluster and never changed after they are
 * read, so each is parsed once.
 */
const configMapReads = new WeakMap<
  KubernetesResource,
  Pick<TraefikConfiguration, 'files' | 'errors'>
>();

function readConfigMap(
  configMap: KubernetesResource,
): Pick<TraefikConfiguration, 'files' | 'errors'> {
  const cached = configMapReads.get(configMap);
  if (cached) {
    return cached;
  }

  const read: Pick<TraefikConfiguration, 'files' | 'errors'> = {
    files: [],
    errors: [],
  };
  const data = isJsonObject(configMap.body.data) ? configMap.body.data : {};
  for (const [key, text] of Object.entries(data)) {
    const format = configFormat(key);
    if (typeof text !== 'string' || !format) {
      continue;
    }

    let config: unknown;
    try {
      config = format === 'toml' ? parseToml(text) : parseYaml(text);
    } catch (error) {
      if (mentionsTraefikSections(text)) {
        read.errors.push({
          configMap,
          key,
          message: parserErrorMessage(error),
        });
      }
      continue;
    }
    if (isJsonObject(config) && isTraefikConfig(config)) {
      read.files.push({ configMap, key, config });
    }
  }

  configMapReads.set(configMap, read);
  return read;
}

/** Tells whether any Traefik configuration, valid or not, was read. */
export function hasTraefikConfiguration(
  configuration: TraefikConfiguration,
): boolean {
  return (
    configuration.files.length > 0 ||
    configuration.errors.length > 0 ||
    configuration.tlsOptionObjects.length > 0
  );
}

/** One file that Traefik loads, parsed, or why it does not parse. */
export type ParsedTraefikFile =
  | { parsed: true; file: TraefikConfigFile }
  | { parsed: false; error: TraefikConfigError };

/** Each ConfigMap's entries parsed as files Traefik loads, keyed by format and key. */
const loadedFileParses = new WeakMap<
  KubernetesResource,
  Map<string, ParsedTraefikFile>
>();

/**
 * Parses a ConfigMap entry that Traefik loads as a configuration file, in
 * the format of the file name it is mounted as, whatever sections it has.
 * Returns `undefined` for a file name without a `.toml`, `.yaml` or `.yml`
 * extension, which Traefik does not load.
 */
export function parseTraefikFile(
  configMap: KubernetesResource,
  key: string,
  fileName: string,
): ParsedTraefikFile | undefined {
  const format = configFormat(fileName);
  const data = isJsonObject(configMap.body.data) ? configMap.body.data : {};
  const text = data[key];
  if (!format || typeof text !== 'string') {
    return undefined;
  }

  const parses = loadedFileParses.get(configMap) ?? new Map();
  loadedFileParses.set(configMap, parses);
  const cacheKey = `${format}:${key}`;
  const cached = parses.get(cacheKey);
  if (cached) {
    return cached;
  }

  let parsed: ParsedTraefikFile;
  try {
    const config = format === 'toml' ? parseToml(text) : parseYaml(text);
    parsed = {
      parsed: true,
      file: { configMap, key, config: isJsonObject(config) ? config : {} },
    };
  } catch (error) {
    parsed = {
      parsed: false,
      error: { configMap, key, message: parserErrorMessage(error) },
    };
  }
  parses.set(cacheKey, parsed);
  return parsed;
}

/** Returns the format Traefik reads a file in from its name's extension. */
export function configFormat(key: string): 'toml' | 'yaml' | undefined {
  const lower = key.toLowerCase();
  if (lower.endsWith('.toml')) {
    return 'toml';
  }
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    return 'yaml';
  }
  return undefined;
}

// Traefik matches configuration keys case-insensitively, so
// `[providers.kubernetesIngress]` and `[providers.kubernetesingress]` are one table.
function isTraefikConfig(config: JsonObject): boolean {
  return ['entryPoints', 'providers', 'tls'].some(
    section => getIgnoreCase(config, section) !== undefined,
  );
}

function mentionsTraefikSections(text: string): boolean {
  return /^\s*\[{1,2}\s*(entryPoints|providers|tls)\b|^\s*(entryPoints|providers|tls)\s*:/im.test(
    text,
  );
}

/**
 * Reads a path of keys from a Traefik configuration. Traefik matches keys
 * case-insensitively, and TOML keeps `[providers.kubernetesingress]` and
 * `[providers.kubernetesIngress]` as two tables, so every case variant of a
 * key is searched.
 */
export function traefikValue(
  config: unknown,
  keys: string[],
): JsonValue | undefined {
  if (keys.length === 0) {
    return config as JsonValue;
  }
  if (!isJsonObject(config)) {
    return undefined;
  }

  const [first, ...rest] = keys;
  for (const name of Object.keys(config)) {
    if (name.toLowerCase() === first.toLowerCase()) {
      const found = traefikValue(config[name], rest);
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}

/** Returns the TLS options a configuration file defines, keyed by option name. */
function fileTlsOptions(file: TraefikConfigFile): TraefikTlsOption[] {
  const options = traefikValue(file.config, ['tls', 'options']);
  if (!isJsonObject(options)) {
    return [];
  }
  return Object.entries(options)
    .filter((entry): entry is [string, JsonObject] => isJsonObject(entry[1]))
    .map(([name, option]) => ({
      reference: name,
      source: file.configMap,
      path: `data["${file.key}"] tls.options.${name}`,
      minVersion: getIgnoreCase(option, 'minVersion'),
      sniStrict: getIgnoreCase(option, 'sniStrict'),
      cipherSuites: getIgnoreCase(option, 'cipherSuites'),
    }));
}

function crdTlsOption(
  resource: KubernetesResource,
  context: EvaluationContext,
): TraefikTlsOption {
  const spec = isJsonObject(resource.body.spec) ? resource.body.spec : {};
  return {
    reference: `${namespaceOf(resource, context) ?? 'default'}-${
      resource.name
    }@kubernetescrd`,
    source: resource,
    path: 'spec',
    minVersion: spec.minVersion,
    sniStrict: spec.sniStrict,
    cipherSuites: spec.cipherSuites,
  };
}

/** The result of resolving a router's TLS option reference. */
export type TlsOptionResolution =
  | { status: 'found'; options: TraefikTlsOption[] }
  /** `default` was asked for and nothing defines it, so Traefik's built-in default applies. */
  | { status: 'built-in-default' }
  | { status: 'not-found'; note: string }
  /** The option may be a `TLSOption` object, and listing them failed. */
  | { status: 'read-failed'; failure: ReadFailure };

/**
 * Resolves a TLS option reference the way Traefik does. `default` is global:
 * any file provider's `tls.options.default` and any `TLSOption` named
 * `default`. `<name>@file` is a file provider option, and
 * `<namespace>-<name>@kubernetescrd` a `TLSOption` object. Traefik qualifies
 * any other name with the router's own provider, which for an Ingress
 * defines no TLS options, so such a reference does not resolve. When the
 * `TLSOption` list failed, `default` and an unmatched `@kubernetescrd`
 * reference are `read-failed`, because an unread `TLSOption` may define them.
 */
export function resolveTlsOption(
  reference: string,
  configuration: TraefikConfiguration,
  context: EvaluationContext,
): TlsOptionResolution {
  const fileOptions = configuration.files.flatMap(fileTlsOptions);
  const crdOptions = configuration.tlsOptionObjects.map(resource =>
    crdTlsOption(resource, context),
  );

  const failure = configuration.tlsOptionReadFailure;

  const [name, provider] = splitReference(reference.trim());
  if (
    name === DEFAULT_TLS_OPTION &&
    (provider === undefined || provider === 'file')
  ) {
    if (provider === undefined && failure) {
      return { status: 'read-failed', failure };
    }
    const options = [
      ...fileOptions.filter(option => option.reference === DEFAULT_TLS_OPTION),
      ...(provider === undefined
        ? configuration.tlsOptionObjects
            .filter(resource => resource.name === DEFAULT_TLS_OPTION)
            .map(resource => crdTlsOption(resource, context))
        : []),
    ];
    return options.length > 0
      ? { status: 'found', options }
      : { status: 'built-in-default' };
  }

  if (provider === 'file') {
    const options = fileOptions.filter(option => option.reference === name);
    return options.length > 0
      ? { status: 'found', options }
      : {
          status: 'not-found',
          note: `no Traefik configuration file defines tls.options.${name}`,
        };
  }
  if (provider === 'kubernetescrd') {
    const options = crdOptions.filter(
      option => option.reference === `${name}@kubernetescrd`,
    );
    if (options.length > 0) {
      return { status: 'found', options };
    }
    return failure
      ? { status: 'read-failed', failure }
      : {
          status: 'not-found',
          note: `no TLSOption object matches ${name} (<namespace>-<name>)`,
        };
  }
  return {
    status: 'not-found',
    note:
      provider === undefined
        ? `${reference} has no @provider suffix, so Traefik looks it up in the Ingress provider, which defines no TLS options`
        : `TLS options of provider ${provider} are not read`,
  };
}

function splitReference(reference: string): [string, string | undefined] {
  const at = reference.lastIndexOf('@');
  return at < 0
    ? [reference, undefined]
    : [reference.slice(0, at), reference.slice(at + 1)];
}

/** Returns every TLS option defined anywhere, for a namespace without routers to follow. */
export function allTlsOptions(
  configuration: TraefikConfiguration,
  context: EvaluationContext,
): TraefikTlsOption[] {
  return [
    ...configuration.files.flatMap(fileTlsOptions),
    ...configuration.tlsOptionObjects.map(resource =>
      crdTlsOption(resource, context),
    ),
  ];
}

/**
 * Returns the TLS option an entry point gives its routers
 * (`entryPoints.<name>.http.tls.options`), if any of the static
 * configurations sets one.
 */
export function entryPointTlsOption(
  entryPoint: string,
  staticConfigs: JsonObject[],
): string | undefined {
  for (const config of staticConfigs) {
    const value = traefikValue(config, [
      'entryPoints',
      entryPoint,
      'http',
      'tls',
      'options',
    ]);
    if (typeof value === 'string' && value.length > 0) {
      return value;
    }
  }
  return undefined;
}

/**
 * Returns the certificate and key files a Traefik configuration serves:
 * `tls.certificates[*]` and the default certificates of `tls.stores`.
 */
export function traefikCertificateFiles(
  file: TraefikConfigFile,
): Array<{ certFile?: string; keyFile?: string; path: string }> {
  const found: Array<{ certFile?: string; keyFile?: string; path: string }> =
    [];
  const certificates = traefikValue(file.config, ['tls', 'certificates']);
  if (Array.isArray(certificates)) {
    certificates.forEach((certificate, index) => {
      if (isJsonObject(certificate)) {
        found.push(
          certificatePair(
            certificate,
            `data["${file.key}"] tls.certificates[${index}]`,
          ),
        );
      }
    });
  }

  const stores = traefikValue(file.config, ['tls', 'stores']);
  if (isJsonObject(stores)) {
    for (const [name, store] of Object.entries(stores)) {
      const certificate = getIgnoreCase(store, 'defaultCertificate');
      if (isJsonObject(certificate)) {
        found.push(
          certificatePair(
            certificate,
            `data["${file.key}"] tls.stores.${name}.defaultCertificate`,
          ),
        );
      }
    }
  }
  return found;
}

function certificatePair(
  certificate: JsonObject,
  path: string,
): { certFile?: string; keyFile?: string; path: string } {
  const certFile = getIgnoreCase(certificate, 'certFile');
  const keyFile = getIgnoreCase(certificate, 'keyFile');
  return {
    certFile: typeof certFile === 'string' ? certFile : undefined,
    keyFile: typeof keyFile === 'string' ? keyFile : undefined,
    path,
  };
}
