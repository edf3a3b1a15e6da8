import { KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition, CheckOutcome } from '../../types';
import {
  combineElements,
  ElementOutcome,
  notApplicable,
  unknown,
} from '../../outcomes';
import { kindReadFailure, namespaceOf, objectRef } from './kubernetesObjects';
import { elementFromFindings, Finding, passFinding } from './findings';
import {
  EntryPoints,
  readEntryPoints,
  servingControllers,
} from './entryPoints';
import { ControllerKind, ControllerWorkload } from './ingressControllers';
import {
  CertificateSource,
  controllerCertificateSources,
  CsiVolume,
  csiVolumeOfFile,
  csiVolumesOf,
} from './controllerCertificates';
import {
  secretProviderClassesIn,
  spcSyncingSecret,
} from './secretProviderClasses';

/** Controllers whose certificates this check follows; Gateway API implementations take theirs from listeners. */
const CERTIFICATE_CONTROLLERS: ReadonlySet<ControllerKind> = new Set([
  'traefik',
  'ingress-nginx',
  'app-routing-nginx',
]);

export const controllerCertCsi: CheckDefinition = {
  id: 'ingress.k8s.controller-cert-csi',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title:
    'The ingress controller takes its TLS certificate from Key Vault through a read-only Secrets Store CSI mount.',
  why: 'A certificate mounted from Key Vault stays under Key Vault access control and rotation; a certificate in a hand-made Secret or an image escapes both, and a missing SecretProviderClass stops the controller pods from starting.',
  remediation:
    'Mount a `secrets-store.csi.k8s.io` volume with `readOnly: true` that names a SecretProviderClass created with the manifests, and point the controller at the mounted files or at the Secret that class syncs.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-nginx-tls',
  evaluate(context) {
    const entryPoints = readEntryPoints(context);
    if (!entryPoints.found) {
      return entryPoints.outcome;
    }

    const controllers = servingControllers(entryPoints.value, context).filter(
      controller => CERTIFICATE_CONTROLLERS.has(controller.kind),
    );
    if (controllers.length === 0) {
      return withoutControllers(entryPoints.value);
    }

    return combineElements(
      controllers.map(controller => evaluateController(controller, context)),
      '',
    );
  },
};

/**
 * Decides the verdict when no controller workload was read: not applicable
 * when only the Application Gateway Ingress Controller, Application Gateway
 * for Containers or a Gateway API implementation serves the namespace,
 * unknown otherwise.
 */
function withoutControllers(entryPoints: EntryPoints): CheckOutcome {
  const kinds = [...entryPoints.kinds];
  const needsController =
    kinds.some(kind => CERTIFICATE_CONTROLLERS.has(kind)) ||
    entryPoints.unidentified.length > 0 ||
    kinds.length === 0;
  if (!needsController) {
    return notApplicable(
      'No in-cluster ingress controller serves the namespace: its certificates come from the Application Gateway or from Gateway listeners.',
      [...entryPoints.ingresses, ...entryPoints.gateways].map(
        entry => entry.identity.evidence,
      ),
    );
  }
  return unknown(
    'missing-resource',
    'No ingress controller Deployment was read, so where its certificate comes from cannot be judged.',
    [
      ...[...entryPoints.ingresses, ...entryPoints.gateways].map(
        entry => entry.identity.evidence,
      ),
      { note: 'no Traefik or NGINX controller workload in any namespace read' },
    ],
  );
}

function evaluateController(
  controller: ControllerWorkload,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(controller.workload, context);
  const volumes = csiVolumesOf(controller);
  if (volumes.length === 0) {
    return {
      element,
      verdict: 'fail',
      message: `${element} mounts no Secrets Store CSI volume, so its certificate does not come from Key Vault.`,
      evidence: [
        {
          resource: element,
          path: 'spec.template.spec.volumes[*].csi.driver',
          observed: null,
          expected: 'secrets-store.csi.k8s.io',
        },
      ],
    };
  }

  const findings = [
    ...volumeFindings(controller.workload, volumes, element, context),
    ...certificateFindings(controller, volumes, element, context),
  ];
  return elementFromFindings(
    element,
    findings,
    `${element} serves its certificate from a read-only Secrets Store CSI mount.`,
  );
}

function volumeFindings(
  workload: KubernetesResource,
  volumes: CsiVolume[],
  element: string,
  context: EvaluationContext,
): Finding[] {
  const namespace = namespaceOf(workload, context);
  const classes = secretProviderClassesIn(context, namespace);
  const listFailure = kindReadFailure(context, 'SecretProviderClass');

  return volumes.flatMap(volume => {
    const findings: Finding[] = [];
    const spcPath = `${volume.path}.csi.volumeAttributes.secretProviderClass`;
    if (!volume.spcName) {
      findings.push({
        verdict: 'fail',
        text: `volume ${volume.volumeName} names no SecretProviderClass`,
        evidence: { resource: element, path: spcPath, observed: null },
      });
    } else if (!classes.some(spc => spc.name === volume.spcName)) {
      findings.push(
        listFailure
          ? {
              verdict: 'unknown',
              reason: listFailure.reason,
              text: `SecretProviderClass ${volume.spcName} could not be read`,
              evidence: {
                resource: element,
                path: spcPath,
                observed: volume.spcName,
                note: listFailure.message,
              },
            }
          : {
              verdict: 'fail',
              text: `SecretProviderClass ${
                volume.spcName
              } does not exist in namespace ${
                namespace ?? '(unknown)'
              }, so the pods cannot start`,
              evidence: {
                resource: element,
                path: spcPath,
                observed: volume.spcName,
                expected: 'an existing SecretProviderClass',
              },
            },
      );
    } else {
      findings.push(
        passFinding({
          resource: element,
          path: spcPath,
          observed: volume.spcName,
        }),
      );
    }

    if (volume.readOnly !== true) {
      findings.push({
        verdict: 'warn',
        reason: 'writable-csi-volume',
        text: `volume ${volume.volumeName} is not readOnly`,
        evidence: {
          resource: element,
          path: `${volume.path}.csi.readOnly`,
          observed: volume.readOnly ?? null,
          expected: true,
        },
      });
    }
    for (const mount of volume.mounts.filter(item => item.readOnly !== true)) {
      findings.push({
        verdict: 'warn',
        reason: 'writable-csi-volume',
        text: `the mount of ${volume.volumeName} at ${mount.mountPath} is not readOnly`,
        evidence: {
          resource: element,
          path: `volumeMounts[${volume.volumeName}].readOnly`,
          observed: mount.readOnly ?? null,
          expected: true,
        },
      });
    }
    return findings;
  });
}

function certificateFindings(
  controller: ControllerWorkload,
  volumes: CsiVolume[],
  element: string,
  context: EvaluationContext,
): Finding[] {
  const sources = controllerCertificateSources(controller, context);
  if (!sources.known) {
    return [
      {
        verdict: 'unknown',
        reason: sources.reason,
        text: `the certificate source cannot be determined: ${sources.note}`,
        evidence: { resource: element, note: sources.note },
      },
    ];
  }
  if (sources.sources.length === 0) {
    return [
      {
        verdict: 'fail',
        text: 'no certificate is configured, so the controller serves a self-generated default certificate',
        evidence: {
          resource: element,
          note: 'no certificate file, default certificate or Ingress TLS Secret found',
        },
      },
    ];
  }
  return sources.sources.map(source =>
    certificateFinding(source, volumes, context),
  );
}

function certificateFinding(
  source: CertificateSource,
  volumes: CsiVolume[],
  context: EvaluationContext,
): Finding {
  if (source.kind === 'file') {
    const files = [source.certFile, source.keyFile].filter(
      (file): file is string => file !== undefined,
    );
    const outside = files.filter(
      file => csiVolumeOfFile(file, volumes) === undefined,
    );
    return outside.length > 0 || files.length === 0
      ? {
          verdict: 'fail',
          text: `certificate files ${
            outside.join(', ') || '(none named)'
          } are not on a Secrets Store CSI mount`,
          evidence: {
            resource: source.resource,
            path: source.path,
            observed: files,
            expected: 'files under a CSI mount path',
          },
        }
      : passFinding({
          resource: source.resource,
          path: source.path,
          observed: files,
        });
  }

  const spc = spcSyncingSecret(context, source.namespace, source.name);
  const secret = `${source.namespace ?? '(namespace unknown)'}/${source.name}`;
  return spc
    ? passFinding({
        resource: source.resource,
        path: source.path,
        observed: secret,
        note: `synced by SecretProviderClass ${spc.name}`,
      })
    : {
        verdict: 'fail',
        text: `certificate Secret ${secret} is not synced by any SecretProviderClass`,
        evidence: {
          resource: source.resource,
          path: source.path,
          observed: secret,
          expected: 'a Secret listed in a SecretProviderClass secretObjects',
        },
      };
}
