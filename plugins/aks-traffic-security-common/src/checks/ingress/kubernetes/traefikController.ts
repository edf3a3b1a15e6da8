import { Evidence, JsonObject } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { isJsonObject, objectsAt } from '../../../resources/json';
import { containerArgs, objectRef } from './kubernetesObjects';
import { ControllerWorkload, controllerWorkloads } from './ingressControllers';
import {
  ConfigMapFile,
  containerDirectory,
  containerFile,
} from './containerFiles';
import {
  parseTraefikFile,
  TraefikConfigError,
  TraefikConfigFile,
  TraefikConfiguration,
  traefikValue,
} from './traefikConfig';

/**
 * The first places Traefik searches for a static configuration file after
 * the one `--configfile` names, in order (`loadConfigFiles` in Traefik's
 * `cmd/traefik`). Traefik then tries `$XDG_CONFIG_HOME/traefik.*`,
 * `$HOME/.config/traefik.*` and `./traefik.*`, which are not read here.
 */
const DEFAULT_STATIC_FILES = [
  '/etc/traefik/traefik.toml',
  '/etc/traefik/traefik.yaml',
  '/etc/traefik/traefik.yml',
];

/** The reason part of a controller's configuration is unknown. */
export interface UnknownConfiguration {
  known: false;
  reason: 'missing-resource' | 'invalid-document';
  note: string;
}

/** Traefik's static configuration: a file, or the container's flags or environment. */
export type TraefikStaticConfiguration =
  | { known: true; config: JsonObject; evidence: Evidence }
  | UnknownConfiguration;

/** The dynamic configuration Traefik's file provider loads. */
export type TraefikFileProviderConfiguration =
  | {
      known: true;
      /** False when the static configuration enables no file provider. */
      enabled: boolean;
      files: TraefikConfigFile[];
      errors: TraefikConfigError[];
      evidence: Evidence;
    }
  | UnknownConfiguration;

/** The static and file provider configuration of one Traefik controller workload. */
export interface TraefikControllerConfiguration {
  controller: ControllerWorkload;
  staticConfig: TraefikStaticConfiguration;
  fileProvider: TraefikFileProviderConfiguration;
}

/** Returns every Traefik controller workload read, in any namespace. */
export function traefikControllers(
  context: EvaluationContext,
): ControllerWorkload[] {
  return controllerWorkloads(context).filter(
    controller => controller.kind === 'traefik',
  );
}

/** The configuration read of each controller container, per evaluation. */
const controllerReads = new WeakMap<
  EvaluationContext,
  WeakMap<JsonObject, TraefikControllerConfiguration>
>();

/**
 * Reads the configuration a Traefik controller loads. The static
 * configuration is the file `--configfile` names, else the first of
 * `/etc/traefik/traefik.{toml,yaml,yml}` that exists, else the container's
 * flags, else its `TRAEFIK_*` environment variables, because Traefik uses
 * only the first of these sources it finds. TLS certificates, options and
 * stores come only from the file provider, which reads the file or
 * directory the static configuration names. Files are read from the
 * ConfigMaps the pod template mounts.
 */
export function readTraefikController(
  controller: ControllerWorkload,
  context: EvaluationContext,
): TraefikControllerConfiguration {
  // Several checks read the same controller in one evaluation. The result
  // depends on the workload and its container, and a container object
  // belongs to one workload body, so the container identifies both.
  const read = controllerReads.get(context) ?? new WeakMap();
  controllerReads.set(context, read);
  const cached = read.get(controller.container);
  if (cached) {
    return { ...cached, controller };
  }

  const staticConfig = readStaticConfiguration(controller, context);
  const configuration = {
    controller,
    staticConfig,
    fileProvider: staticConfig.known
      ? readFileProvider(controller, staticConfig, context)
      : staticConfig,
  };
  read.set(controller.container, configuration);
  return configuration;
}

/**
 * Returns the configuration a controller's file provider loads, with the
 * `TLSOption` objects read, in the shape the TLS option resolution takes.
 */
export function fileProviderConfiguration(
  fileProvider: TraefikFileProviderConfiguration,
  all: TraefikConfiguration,
): TraefikConfiguration {
  return {
    files: fileProvider.known ? fileProvider.files : [],
    errors: fileProvider.known ? fileProvider.errors : [],
    tlsOptionObjects: all.tlsOptionObjects,
    tlsOptionReadFailure: all.tlsOptionReadFailure,
  };
}

function readStaticConfiguration(
  controller: ControllerWorkload,
  context: EvaluationContext,
): TraefikStaticConfiguration {
  const workload = objectRef(controller.workload, context);
  const flags = traefikFlags(controller.container);
  const configFile = configFileFlag(controller.container);

  const named = configFile?.trim() ? [configFile] : [];
  for (const path of [...named, ...DEFAULT_STATIC_FILES]) {
    const lookup = containerFile(
      controller.workload,
      controller.container,
      path,
      context,
    );
    if (lookup.status === 'found') {
      return parseStaticFile(lookup.file, path, workload, context);
    }
    // NOTE: a default location that no volume covers is assumed absent from
    // the image, so an image that ships its own static file is misjudged.
    const isNamed = named.includes(path);
    if (
      lookup.status === 'not-read' ||
      (isNamed && lookup.status === 'not-mounted')
    ) {
      return {
        known: false,
        reason: 'missing-resource',
        note: `the static configuration ${path} of ${workload} cannot be read: ${lookup.note}`,
      };
    }
    if (isNamed) {
      return {
        known: false,
        reason: 'missing-resource',
        note: `--configfile of ${workload} names ${path}, which is not in the volumes it mounts: ${lookup.note}`,
      };
    }
  }

  if (flags.length > 0) {
    return {
      known: true,
      config: nestedConfig(
        flags.map(flag => {
          const equals = flag.indexOf('=');
          return equals < 0
            ? [flag.replace(/^-+/, ''), true]
            : [
                flag.slice(0, equals).replace(/^-+/, ''),
                flag.slice(equals + 1),
              ];
        }),
        '.',
      ),
      evidence: {
        resource: workload,
        path: `container ${String(controller.container.name)} args`,
        note: 'no static configuration file is mounted, so Traefik reads its flags',
      },
    };
  }
  return environmentConfiguration(controller, workload);
}

function parseStaticFile(
  file: ConfigMapFile,
  path: string,
  workload: string,
  context: EvaluationContext,
): TraefikStaticConfiguration {
  const parsed = parseTraefikFile(file.configMap, file.key, path);
  if (!parsed?.parsed) {
    return {
      known: false,
      reason: 'invalid-document',
      note: `the static configuration ${path} of ${workload} does not parse: ${
        parsed?.error.message ??
        'the file name has no .toml, .yaml or .yml extension'
      }`,
    };
  }
  return {
    known: true,
    config: parsed.file.config,
    evidence: {
      resource: objectRef(file.configMap, context),
      path: `data["${file.key}"]`,
      note: `${workload} reads its static configuration from ${path}`,
    },
  };
}

function environmentConfiguration(
  controller: ControllerWorkload,
  workload: string,
): TraefikStaticConfiguration {
  const variables = objectsAt(controller.container, 'env').filter(
    variable =>
      typeof variable.name === 'string' &&
      variable.name.toUpperCase().startsWith('TRAEFIK_'),
  );
  const fromReference = variables.find(
    variable => typeof variable.value !== 'string',
  );
  if (fromReference) {
    return {
      known: false,
      reason: 'missing-resource',
      note: `environment variable ${String(
        fromReference.name,
      )} of ${workload} takes its value from another object, which is not read`,
    };
  }
  // NOTE: Traefik splits variable names at underscores, so a name that
  // contains one, such as an entry point named web_secure, is misread here.
  return {
    known: true,
    config: nestedConfig(
      variables.map(variable => [
        String(variable.name).slice('TRAEFIK_'.length),
        String(variable.value),
      ]),
      '_',
    ),
    evidence: {
      resource: workload,
      path: `container ${String(controller.container.name)} env`,
      note: 'no static configuration file or flag is given, so Traefik reads its TRAEFIK_* environment variables',
    },
  };
}

function readFileProvider(
  controller: ControllerWorkload,
  staticConfig: { config: JsonObject; evidence: Evidence },
  context: EvaluationContext,
): TraefikFileProviderConfiguration {
  const workload = objectRef(controller.workload, context);
  const provider = traefikValue(staticConfig.config, ['providers', 'file']);
  if (provider === undefined || provider === false || provider === 'false') {
    return {
      known: true,
      enabled: false,
      files: [],
      errors: [],
      evidence: {
        ...staticConfig.evidence,
        note: `the static configuration of ${workload} enables no file provider (providers.file), so Traefik uses its default TLS option and a self-signed default certificate`,
      },
    };
  }

  // Traefik's file provider reads `directory` when both are set (`buildConfiguration`
  // in Traefik's `pkg/provider/file`).
  const directory = traefikValue(provider, ['directory']);
  const filename = traefikValue(provider, ['filename']);
  if (typeof directory === 'string' && directory !== '') {
    return readProviderDirectory(controller, directory, staticConfig, context);
  }
  if (typeof filename !== 'string' || filename === '') {
    return {
      known: false,
      reason: 'invalid-document',
      note: `the file provider of ${workload} names neither a filename nor a directory, so Traefik does not start it`,
    };
  }

  const lookup = containerFile(
    controller.workload,
    controller.container,
    filename,
    context,
  );
  if (lookup.status !== 'found') {
    return {
      known: false,
      reason: 'missing-resource',
      note: `the file provider of ${workload} loads ${filename}, which cannot be read: ${lookup.note}`,
    };
  }
  const parsed = parseTraefikFile(
    lookup.file.configMap,
    lookup.file.key,
    filename,
  );
  if (!parsed) {
    return {
      known: false,
      reason: 'invalid-document',
      note: `the file provider of ${workload} loads ${filename}, whose extension Traefik does not read`,
    };
  }
  return {
    known: true,
    enabled: true,
    files: parsed.parsed ? [parsed.file] : [],
    errors: parsed.parsed ? [] : [parsed.error],
    evidence: {
      ...staticConfig.evidence,
      note: `the file provider of ${workload} loads ${filename}`,
    },
  };
}

function readProviderDirectory(
  controller: ControllerWorkload,
  directory: string,
  staticConfig: { evidence: Evidence },
  context: EvaluationContext,
): TraefikFileProviderConfiguration {
  const workload = objectRef(controller.workload, context);
  const lookup = containerDirectory(
    controller.workload,
    controller.container,
    directory,
    context,
  );
  if (lookup.status !== 'found') {
    return {
      known: false,
      reason: 'missing-resource',
      note: `the file provider of ${workload} loads directory ${directory}, which cannot be read: ${lookup.note}`,
    };
  }

  const files: TraefikConfigFile[] = [];
  const errors: TraefikConfigError[] = [];
  for (const file of lookup.files) {
    const parsed = parseTraefikFile(file.configMap, file.key, file.path);
    if (parsed?.parsed) {
      files.push(parsed.file);
    } else if (parsed) {
      errors.push(parsed.error);
    }
  }
  return {
    known: true,
    enabled: true,
    files,
    errors,
    evidence: {
      ...staticConfig.evidence,
      note: `the file provider of ${workload} loads the .toml, .yaml and .yml files in ${directory}`,
    },
  };
}

/**
 * Returns the container's `--name[=value]` words, which Traefik reads as
 * its flags. NOTE: a value given as a separate word is dropped, so the
 * flag reads as `true`.
 */
function traefikFlags(container: JsonObject): string[] {
  return containerArgs(container).filter(word => word.startsWith('-'));
}

/**
 * Returns the value of `--configfile`, which Traefik matches
 * case-insensitively, given as `--configfile=PATH` or `--configfile PATH`.
 */
function configFileFlag(container: JsonObject): string | undefined {
  const words = containerArgs(container);
  for (let index = 0; index < words.length; index++) {
    const match = /^--?configfile(=(.*))?$/i.exec(words[index]);
    if (match?.[1] !== undefined) {
      return match[2];
    }
    if (match && index + 1 < words.length) {
      return words[index + 1];
    }
  }
  return undefined;
}

/** Builds a configuration object from dotted or underscored key paths. */
function nestedConfig(
  entries: Array<[string, string | boolean]>,
  separator: string,
): JsonObject {
  const config: JsonObject = {};
  for (const [name, value] of entries) {
    const keys = name.split(separator).filter(key => key !== '');
    let node = config;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) {
        // `--providers.file=true` next to `--providers.file.filename=...` keeps the filename.
        if (!isJsonObject(node[key])) {
          node[key] = value;
        }
        return;
      }
      const child = node[key];
      if (!isJsonObject(child)) {
        node[key] = {};
      }
      node = node[key] as JsonObject;
    });
  }
  return config;
}
