import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { isJsonObject, objectsAt, stringAt } from '../../../resources/json';
import {
  containerFlag,
  expandPodNamespace,
  namespaceOf,
  objectRef,
  podVolumes,
} from './kubernetesObjects';
import {
  ControllerWorkload,
  identifyIngressController,
} from './ingressControllers';
import { SECRETS_STORE_CSI_DRIVER } from './secretProviderClasses';
import { traefikCertificateFiles } from './traefikConfig';
import { readTraefikController } from './traefikController';

/** A Secrets Store CSI volume of a workload and where the controller container mounts it. */
export interface CsiVolume {
  volumeName: string;
  /** The `volumeAttributes.secretProviderClass` it names. */
  spcName?: string;
  /** `csi.readOnly`, which the driver requires to be true. */
  readOnly?: boolean;
  /** The controller container's mounts of the volume. */
  mounts: Array<{ mountPath: string; readOnly?: boolean }>;
  /** The evidence path of the volume. */
  path: string;
}

/** Returns the Secrets Store CSI volumes of a controller and the controller container's mounts of them. */
export function csiVolumesOf(controller: ControllerWorkload): CsiVolume[] {
  const volumeMounts = objectsAt(controller.container, 'volumeMounts');
  return podVolumes(controller.workload).flatMap((volume, index) => {
    if (
      !isJsonObject(volume.csi) ||
      volume.csi.driver !== SECRETS_STORE_CSI_DRIVER
    ) {
      return [];
    }
    const name = String(volume.name);
    return [
      {
        volumeName: name,
        spcName: stringAt(volume, 'csi.volumeAttributes.secretProviderClass'),
        readOnly: volume.csi.readOnly === true ? true : undefined,
        mounts: volumeMounts
          .filter(
            mount => mount.name === name && typeof mount.mountPath === 'string',
          )
          .map(mount => ({
            mountPath: String(mount.mountPath),
            readOnly: mount.readOnly === true ? true : undefined,
          })),
        path: `spec.template.spec.volumes[${index}]`,
      },
    ];
  });
}

/** A TLS certificate source of a controller: mounted files or a Secret. */
export type CertificateSource =
  | {
      kind: 'file';
      certFile?: string;
      keyFile?: string;
      resource: string;
      path: string;
    }
  | {
      kind: 'secret';
      namespace?: string;
      name: string;
      resource: string;
      path: string;
    };

/** The certificate sources of a controller, or why they cannot be determined. */
export type CertificateSources =
  | { known: true; sources: CertificateSource[] }
  | {
      known: false;
      reason: 'missing-resource' | 'invalid-document';
      note: string;
    };

/**
 * Finds the certificates an ingress controller serves. Traefik: the files
 * named in the configuration its file provider loads (`tls.certificates`,
 * `tls.stores.*.defaultCertificate`) and a `TLSStore` default certificate
 * Secret. NGINX: the
 * `--default-ssl-certificate` Secret. Both: the `spec.tls[*].secretName`
 * Secrets of the service's Ingresses that the controller serves.
 */
export function controllerCertificateSources(
  controller: ControllerWorkload,
  context: EvaluationContext,
): CertificateSources {
  const ingressSecrets = ingressSecretSources(controller, context);

  if (controller.kind === 'traefik') {
    const { fileProvider } = readTraefikController(controller, context);
    if (!fileProvider.known) {
      return {
        known: false,
        reason: fileProvider.reason,
        note: fileProvider.note,
      };
    }
    if (fileProvider.errors.length > 0) {
      const [error] = fileProvider.errors;
      return {
        known: false,
        reason: 'invalid-document',
        note: `data["${error.key}"] of ${objectRef(
          error.configMap,
          context,
        )} does not parse: ${error.message}`,
      };
    }
    const fileSources: CertificateSource[] = fileProvider.files.flatMap(file =>
      traefikCertificateFiles(file).map(pair => ({
        kind: 'file' as const,
        certFile: pair.certFile,
        keyFile: pair.keyFile,
        resource: objectRef(file.configMap, context),
        path: pair.path,
      })),
    );
    return {
      known: true,
      sources: [...fileSources, ...tlsStoreSources(context), ...ingressSecrets],
    };
  }

  const workloadNamespace = namespaceOf(controller.workload, context);
  const defaultCertificate = containerFlag(
    controller.container,
    'default-ssl-certificate',
  );
  const sources: CertificateSource[] = [];
  if (defaultCertificate) {
    const [namespace, name] = splitNamespacedName(
      expandPodNamespace(defaultCertificate, workloadNamespace),
      workloadNamespace,
    );
    sources.push({
      kind: 'secret',
      namespace,
      name,
      resource: objectRef(controller.workload, context),
      path: `container ${String(
        controller.container.name,
      )} args --default-ssl-certificate`,
    });
  }
  return { known: true, sources: [...sources, ...ingressSecrets] };
}

function splitNamespacedName(
  value: string,
  fallbackNamespace: string | undefined,
): [string | undefined, string] {
  const slash = value.indexOf('/');
  return slash < 0
    ? [fallbackNamespace, value]
    : [value.slice(0, slash), value.slice(slash + 1)];
}

function tlsStoreSources(context: EvaluationContext): CertificateSource[] {
  return context
    .kubernetesInAnyNamespace('TLSStore')
    .filter(store => store.name === 'default')
    .flatMap(store => {
      const secretName = stringAt(
        store.body,
        'spec.defaultCertificate.secretName',
      );
      return secretName
        ? [
            {
              kind: 'secret' as const,
              namespace: namespaceOf(store, context),
              name: secretName,
              resource: objectRef(store, context),
              path: 'spec.defaultCertificate.secretName',
            },
          ]
        : [];
    });
}

function ingressSecretSources(
  controller: ControllerWorkload,
  context: EvaluationContext,
): CertificateSource[] {
  const lookup = context.kubernetes('Ingress');
  if (!lookup.found) {
    return [];
  }
  return lookup.value
    .filter(
      ingress =>
        identifyIngressController(ingress, context).kind === controller.kind,
    )
    .flatMap(ingress =>
      objectsAt(ingress.body, 'spec.tls').flatMap((tls, index) =>
        typeof tls.secretName === 'string' && tls.secretName !== ''
          ? [
              {
                kind: 'secret' as const,
                namespace: namespaceOf(ingress, context),
                name: tls.secretName,
                resource: objectRef(ingress, context),
                path: `spec.tls[${index}].secretName`,
              },
            ]
          : [],
      ),
    );
}

/**
 * Returns the CSI volume a file path lies in, if any: the mount whose
 * `mountPath` is a directory prefix of the path.
 */
export function csiVolumeOfFile(
  file: string,
  volumes: CsiVolume[],
): { volume: CsiVolume; fileName: string } | undefined {
  for (const volume of volumes) {
    for (const mount of volume.mounts) {
      const directory = mount.mountPath.replace(/\/+$/, '');
      if (file.startsWith(`${directory}/`)) {
        return { volume, fileName: file.slice(directory.length + 1) };
      }
    }
  }
  return undefined;
}
