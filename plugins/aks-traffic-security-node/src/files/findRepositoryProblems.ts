import {
  APPLICATION_GATEWAY_TYPE,
  ArmResource,
  isJsonObject,
  KubernetesResource,
  lastIdSegment,
  Resource,
  sameArmId,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { isPublishableKind, publishableKindNames } from './publishableKinds';
import { ResourceFilesRead, UnreadManifest } from './readResourceFiles';
import { undeployedGatewaySettings } from './undeployedGatewaySettings';

/** @public */
export interface RepositoryProblemsOptions {
  /** What `readResourceFiles` read from the repository. */
  read: ResourceFilesRead;
  /** The service's Kubernetes namespace, when known. */
  namespace?: string;
  /** The ARM id of the service's Application Gateway, when known. */
  gatewayId?: string;
  /**
   * The keys of `properties` in the gateway file that the deployment sends,
   * when it merges only some of them into the live gateway. Without it, the
   * whole file is taken as deployed.
   */
  deployedGatewayProperties?: readonly string[];
}

/**
 * Finds what makes a service repository unfit to deploy whatever the checks
 * return, one message per problem. The messages name files and objects but
 * never a value. The problems:
 *
 * - a Kubernetes Secret with `data` or `stringData`, whose values, a TLS
 *   private key for example, would be in the repository's history, where
 *   certificates belong in Key Vault;
 * - an armored private key in any other object, such as a ConfigMap's data
 *   or an environment variable, for the same reason;
 * - an object whose name or namespace is not a non-empty string;
 * - an object of a kind that no check judges (see `publishableKinds.ts`);
 * - an object in a namespace other than the service's, which the checks do
 *   not judge (an object without a namespace is applied to the service's);
 * - an Application Gateway other than the service's, for the same reason,
 *   and a service gateway file whose name or sub-resource ids name another;
 * - a hidden directory or hidden resource file, which resource reading
 *   skips, and a kustomization file, which can change the objects after
 *   they were judged. Other hidden files, such as `.gitkeep`, are allowed;
 * - with `deployedGatewayProperties`, a setting of the gateway file that the
 *   deployment does not send, so the checks would judge a value the live
 *   gateway never gets.
 *
 * @public
 */
export function findRepositoryProblems(
  options: RepositoryProblemsOptions,
): string[] {
  const { read, namespace, gatewayId, deployedGatewayProperties } = options;
  return [
    ...committedSecrets(read.resources),
    ...committedPrivateKeys(read.resources),
    ...invalidMetadata(read.resources),
    ...unjudgedKinds(read.resources),
    ...foreignNamespaces(read.resources, namespace),
    ...foreignGateways(read.resources, gatewayId),
    ...gatewayIdentityProblems(read.resources, gatewayId),
    ...read.unreadManifests.map(entry => describeUnreadManifest(entry)),
    ...(deployedGatewayProperties
      ? undeployedGatewaySettings(read, gatewayId, deployedGatewayProperties)
      : []),
  ];
}

function describeUnreadManifest(entry: UnreadManifest): string {
  switch (entry.reason) {
    case 'hidden':
      return `${entry.location} is hidden, so it is not read`;
    case 'dependencies':
      return `${entry.location} is a dependency folder, which is not read; do not commit dependencies`;
    default:
      return `${entry.location} is a kustomization, which can change the objects after they were judged`;
  }
}

function committedSecrets(resources: Resource[]): string[] {
  return kubernetesResources(resources, 'Secret').flatMap(resource => {
    const fields = ['data', 'stringData'].filter(field => {
      const values = resource.body[field];
      return isJsonObject(values) && Object.keys(values).length > 0;
    });
    if (fields.length === 0) {
      return [];
    }
    return [
      `Secret ${qualifiedName(resource)} in ${
        resource.origin.location
      } sets ${fields.join(
        ' and ',
      )}; keep its values in Key Vault and mount them with the Secrets Store CSI driver`,
    ];
  });
}

// Matches the armored headers of PKCS #8, RSA, EC, OpenSSH, encrypted and
// PGP private keys.
const PRIVATE_KEY_HEADER = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;

/**
 * Finds armored private keys anywhere in an object other than a Secret, such
 * as a ConfigMap's data, an environment variable or an annotation. A
 * ConfigMap's binaryData is decoded from base64 as Latin-1 and as UTF-16.
 * NOTE: a binary key (DER or PKCS #12) has no header to find.
 */
function committedPrivateKeys(resources: Resource[]): string[] {
  return kubernetesResources(resources)
    .filter(resource => resource.objectKind !== 'Secret')
    .flatMap(resource => {
      const paths = stringEntries(resource.body, '')
        .filter(([path, value]) => {
          if (
            resource.objectKind === 'ConfigMap' &&
            path.startsWith('binaryData.')
          ) {
            const bytes = Buffer.from(value, 'base64');
            return [bytes.toString('latin1'), bytes.toString('utf16le')].some(
              text => PRIVATE_KEY_HEADER.test(text),
            );
          }
          return PRIVATE_KEY_HEADER.test(value);
        })
        .map(([path]) => path);
      return paths.length > 0
        ? [
            `${resource.objectKind} ${qualifiedName(resource)} in ${
              resource.origin.location
            } contains a private key in ${paths.join(
              ', ',
            )}; keep it in Key Vault and mount it with the Secrets Store CSI driver`,
          ]
        : [];
    });
}

/** Returns the path and value of every string inside a JSON value. */
function stringEntries(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') {
    return [[path, value]];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      stringEntries(item, `${path}[${index}]`),
    );
  }
  if (isJsonObject(value)) {
    return Object.entries(value).flatMap(([key, item]) =>
      stringEntries(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/**
 * Finds objects whose name or namespace is not text, such as
 * `namespace: null`, which kubectl treats as unset, or `name: true`, which
 * the API server rejects. The checks would take such an object as being in
 * the service's namespace.
 */
function invalidMetadata(resources: Resource[]): string[] {
  return kubernetesResources(resources).flatMap(resource => {
    const metadata = resource.body.metadata;
    const fields = isJsonObject(metadata) ? metadata : {};
    return ['name', 'namespace']
      .filter(field =>
        field === 'name'
          ? typeof fields.name !== 'string' || fields.name === ''
          : field in fields && typeof fields[field] !== 'string',
      )
      .map(
        field =>
          `${resource.objectKind} in ${
            resource.origin.location
          }: metadata.${field} is ${describeValue(
            fields[field],
          )}; expected a non-empty string, quoted when YAML would read it as another type`,
      );
  });
}

function unjudgedKinds(resources: Resource[]): string[] {
  return kubernetesResources(resources)
    .filter(resource => !isPublishableKind(resource))
    .map(
      resource =>
        `${resource.apiVersion} ${resource.objectKind} ${qualifiedName(
          resource,
        )} in ${
          resource.origin.location
        } is a kind that no check judges; a service repository declares only ${publishableKindNames()}`,
    );
}

/** Returns the Kubernetes objects, of one kind when `objectKind` is given. */
function kubernetesResources(
  resources: Resource[],
  objectKind?: string,
): KubernetesResource[] {
  return resources.filter(
    (resource): resource is KubernetesResource =>
      resource.kind === 'kubernetes' &&
      (objectKind === undefined || resource.objectKind === objectKind),
  );
}

/** Describes a value that is not a non-empty string, with up to 40 characters of a scalar. */
function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'missing';
  }
  if (value === '') {
    return 'empty';
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object'
    ? 'an object'
    : `the ${typeof value} ${String(value).slice(0, 40)}`;
}

/**
 * Finds Application Gateways other than the service's. The checks judge only
 * the service's gateway, so a second gateway file, for example one with a
 * plaintext listener, would be published unjudged.
 */
function foreignGateways(
  resources: Resource[],
  gatewayId: string | undefined,
): string[] {
  if (!gatewayId) {
    return [];
  }
  return applicationGateways(resources)
    .filter(gateway => !sameArmId(gateway.id, gatewayId))
    .map(
      gateway =>
        `Application Gateway ${gateway.id} in ${gateway.origin.location} is not the service's gateway ${gatewayId}, so no check judges it`,
    );
}

function applicationGateways(resources: Resource[]): ArmResource[] {
  return resources.filter(
    (resource): resource is ArmResource =>
      resource.kind === 'arm' &&
      resource.type.toLowerCase() === APPLICATION_GATEWAY_TYPE.toLowerCase(),
  );
}

/** Matches the gateway name in an id of a gateway or of its sub-resources. */
const GATEWAY_NAME_IN_ID = /\/applicationGateways\/([^/]+)/gi;

/**
 * Finds a service gateway file whose `name`, or a sub-resource id or
 * reference inside it, names another gateway. A deployment that takes the
 * gateway from the name would change a gateway that no check judged.
 */
function gatewayIdentityProblems(
  resources: Resource[],
  gatewayId: string | undefined,
): string[] {
  if (!gatewayId) {
    return [];
  }
  const expected = lastIdSegment(gatewayId).toLowerCase();

  const serviceGateways = applicationGateways(resources).filter(gateway =>
    sameArmId(gateway.id, gatewayId),
  );
  return serviceGateways.flatMap(resource => {
    const names = new Set<string>();
    if (typeof resource.body.name === 'string') {
      names.add(resource.body.name);
    }
    for (const [, text] of stringEntries(resource.body.properties, '')) {
      for (const match of text.matchAll(GATEWAY_NAME_IN_ID)) {
        names.add(match[1]);
      }
    }
    const others = [...names].filter(name => name.toLowerCase() !== expected);
    return others.length > 0
      ? [
          `${resource.origin.location} names the gateway ${others
            .map(name => `'${name}'`)
            .join(
              ', ',
            )} in its name or sub-resource ids; expected only '${lastIdSegment(
            gatewayId,
          )}', the gateway of --gateway-id or the gateway-id annotation`,
        ]
      : [];
  });
}

function foreignNamespaces(
  resources: Resource[],
  namespace: string | undefined,
): string[] {
  if (!namespace) {
    return [];
  }
  return resources.flatMap(resource =>
    resource.kind === 'kubernetes' &&
    resource.namespace !== undefined &&
    resource.namespace !== namespace
      ? [
          `${resource.objectKind} ${qualifiedName(resource)} in ${
            resource.origin.location
          } is not in the service's namespace ${namespace}, so no check judges it`,
        ]
      : [],
  );
}

function qualifiedName(resource: Resource): string {
  return resource.kind === 'kubernetes' && resource.namespace
    ? `${resource.namespace}/${resource.name}`
    : resource.name;
}
