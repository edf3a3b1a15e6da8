import { KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome } from '../../outcomes';
import { namespaceOf, objectRef } from './kubernetesObjects';
import { elementFromFindings } from './findings';
import {
  identityFindings,
  objectFindings,
  providerFindings,
} from './spcFindings';
import { controllerWorkloads } from './ingressControllers';
import {
  controllerCertificateSources,
  csiVolumeOfFile,
  csiVolumesOf,
} from './controllerCertificates';
import { secretProviderClassesIn } from './secretProviderClasses';

export const spcKeyvaultIdentity: CheckDefinition = {
  id: 'ingress.k8s.spc-keyvault-identity',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title:
    'SecretProviderClasses read the certificate from Key Vault with workload identity.',
  why: "Workload identity limits Key Vault access to the controller's service account; pod identity is deprecated, the kubelet identity is shared by every pod on the node, and a service-principal secret sits in the cluster.",
  remediation:
    'Set `provider: azure`, `keyvaultName`, `tenantID` and `clientID` (workload identity) with `usePodIdentity: "false"` and `useVMManagedIdentity: "false"`, and fetch TLS key pairs with `objectType: secret`.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access',
  evaluate(context) {
    const lookup = context.kubernetes('SecretProviderClass');
    if (!lookup.found) {
      return lookup.outcome;
    }

    const classes = uniqueResources([
      ...lookup.value,
      ...controllerClasses(context),
    ]);
    const keyFiles = controllerKeyFiles(context);
    return combineElements(
      classes.map(spc => evaluateClass(spc, keyFiles.get(spc) ?? [], context)),
      'The namespace has no SecretProviderClass.',
    );
  },
};

/** Returns the SecretProviderClasses the ingress controllers mount, in their own namespaces. */
function controllerClasses(context: EvaluationContext): KubernetesResource[] {
  return controllerWorkloads(context).flatMap(controller => {
    const names = csiVolumesOf(controller).map(volume => volume.spcName);
    return secretProviderClassesIn(
      context,
      namespaceOf(controller.workload, context),
    ).filter(spc => names.includes(spc.name));
  });
}

function uniqueResources(
  resources: KubernetesResource[],
): KubernetesResource[] {
  return [...new Set(resources)];
}

/**
 * Maps each SecretProviderClass to the file names in its mount that a
 * Traefik controller reads as private keys (`keyFile`).
 */
function controllerKeyFiles(
  context: EvaluationContext,
): Map<KubernetesResource, string[]> {
  const keyFiles = new Map<KubernetesResource, string[]>();
  for (const controller of controllerWorkloads(context)) {
    const volumes = csiVolumesOf(controller);
    const classes = secretProviderClassesIn(
      context,
      namespaceOf(controller.workload, context),
    );
    const sources = controllerCertificateSources(controller, context);
    if (!sources.known) {
      continue;
    }
    for (const source of sources.sources) {
      if (source.kind !== 'file' || source.keyFile === undefined) {
        continue;
      }
      const mounted = csiVolumeOfFile(source.keyFile, volumes);
      const spc = classes.find(
        candidate => candidate.name === mounted?.volume.spcName,
      );
      if (mounted && spc) {
        keyFiles.set(spc, [...(keyFiles.get(spc) ?? []), mounted.fileName]);
      }
    }
  }
  return keyFiles;
}

function evaluateClass(
  spc: KubernetesResource,
  keyFiles: string[],
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(spc, context);
  const findings = [
    ...providerFindings(spc, element),
    ...identityFindings(spc, element),
    ...objectFindings(spc, keyFiles, element),
  ];

  return elementFromFindings(
    element,
    findings,
    `${element} reads the certificate from Key Vault with workload identity.`,
  );
}
