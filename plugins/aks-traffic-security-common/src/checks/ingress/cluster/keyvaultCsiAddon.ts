import { Evidence } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { fail, pass, warn } from '../../outcomes';
import {
  addonProfile,
  KEYVAULT_SECRETS_PROVIDER,
  unreadableAddonProfiles,
} from './addonProfiles';
import { controllerWorkloads } from '../kubernetes/ingressControllers';
import { csiVolumesOf } from '../kubernetes/controllerCertificates';
import { namespaceOf, objectRef } from '../kubernetes/kubernetesObjects';
import { secretProviderClassesIn } from '../kubernetes/secretProviderClasses';

export const keyvaultCsiAddon: CheckDefinition = {
  id: 'ingress.aks.keyvault-csi-addon',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title:
    'The cluster runs the Azure Key Vault provider for the Secrets Store CSI driver as an AKS add-on.',
  why: 'The ingress controller takes its TLS certificate from Key Vault through the Secrets Store CSI driver; without the add-on the certificate has to be copied into the cluster by other means.',
  remediation:
    'Enable the add-on: `az aks enable-addons --addons azure-keyvault-secrets-provider`, or set `addonProfiles.azureKeyvaultSecretsProvider.enabled: true`.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const unreadable = unreadableAddonProfiles(cluster, [
      KEYVAULT_SECRETS_PROVIDER,
    ]);
    if (unreadable) {
      return unreadable;
    }
    const addon = addonProfile(cluster, KEYVAULT_SECRETS_PROVIDER);
    const evidence: Evidence = {
      resource: cluster.id,
      path: `${addon.path}.enabled`,
      observed: addon.profile ? addon.profile.enabled ?? null : null,
      expected: true,
    };

    if (addon.enabled === true) {
      return pass('The Key Vault secrets provider add-on is enabled.', [
        evidence,
      ]);
    }

    const selfManaged = workingCsiMount(context);
    if (selfManaged) {
      return warn(
        `The Key Vault secrets provider add-on is not enabled, but ${selfManaged.workload} mounts a Secrets Store CSI volume from SecretProviderClass ${selfManaged.spc}, so a driver not managed by AKS is installed.`,
        [
          evidence,
          {
            resource: selfManaged.workload,
            path: selfManaged.path,
            observed: selfManaged.spc,
          },
        ],
        'driver-not-managed-by-aks',
      );
    }

    return fail(
      addon.profile
        ? 'The Key Vault secrets provider add-on is disabled.'
        : 'The cluster has no Key Vault secrets provider add-on profile.',
      [evidence],
    );
  },
};

/**
 * Finds an ingress controller that mounts a Secrets Store CSI volume whose
 * SecretProviderClass exists, which shows that some driver, installed
 * without the add-on, serves the cluster.
 */
function workingCsiMount(
  context: EvaluationContext,
): { workload: string; spc: string; path: string } | undefined {
  for (const controller of controllerWorkloads(context)) {
    const namespace = namespaceOf(controller.workload, context);
    const classes = secretProviderClassesIn(context, namespace);
    for (const volume of csiVolumesOf(controller)) {
      if (volume.spcName && classes.some(spc => spc.name === volume.spcName)) {
        return {
          workload: objectRef(controller.workload, context),
          spc: volume.spcName,
          path: `${volume.path}.csi.volumeAttributes.secretProviderClass`,
        };
      }
    }
  }
  return undefined;
}
