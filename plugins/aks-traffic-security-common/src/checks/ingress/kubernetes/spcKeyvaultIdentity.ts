import { Evidence, KubernetesResource, Verdict } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { worstVerdict } from '../../../evaluator/verdicts';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome } from '../../outcomes';
import { parseBoolean, stringAt } from '../../../resources/json';
import { namespaceOf, objectRef } from './kubernetesObjects';
import { controllerWorkloads } from './ingressControllers';
import {
  controllerCertificateSources,
  csiVolumeOfFile,
  csiVolumesOf,
} from './controllerCertificates';
import { readTraefikConfiguration } from './traefikConfig';
import {
  KeyVaultObject,
  parseSpcObjects,
  secretProviderClassesIn,
  spcParameter,
  syncedSecrets,
} from './secretProviderClasses';

/** The only Key Vault object type that returns a certificate together with its private key. */
const KEY_PAIR_OBJECT_TYPE = 'secret';

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
  const traefik = readTraefikConfiguration(context);
  const keyFiles = new Map<KubernetesResource, string[]>();
  for (const controller of controllerWorkloads(context)) {
    const volumes = csiVolumesOf(controller);
    const classes = secretProviderClassesIn(
      context,
      namespaceOf(controller.workload, context),
    );
    const sources = controllerCertificateSources(controller, traefik, context);
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

interface Finding {
  verdict: Verdict;
  reason?: string;
  text: string;
  evidence: Evidence;
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

  const verdict = worstVerdict(findings.map(finding => finding.verdict));
  const worst = findings.find(finding => finding.verdict === verdict);
  const problems = findings.filter(finding => finding.verdict !== 'pass');
  return {
    element,
    verdict,
    reason: verdict === 'pass' ? undefined : worst?.reason,
    message:
      problems.length > 0
        ? `${element}: ${problems.map(finding => finding.text).join('; ')}.`
        : `${element} reads the certificate from Key Vault with workload identity.`,
    evidence: findings.map(finding => finding.evidence),
  };
}

function parameterPath(key: string): string {
  return `spec.parameters.${key}`;
}

function providerFindings(spc: KubernetesResource, element: string): Finding[] {
  const findings: Finding[] = [];
  const provider = stringAt(spc.body, 'spec.provider');
  if (provider !== 'azure') {
    findings.push({
      verdict: 'fail',
      text: `provider is ${provider ?? '(unset)'}, not azure`,
      evidence: {
        resource: element,
        path: 'spec.provider',
        observed: provider ?? null,
        expected: 'azure',
      },
    });
  }

  const vault = spcParameter(spc, 'keyvaultName');
  findings.push(
    vault
      ? {
          verdict: 'pass',
          text: '',
          evidence: {
            resource: element,
            path: parameterPath('keyvaultName'),
            observed: vault,
          },
        }
      : {
          verdict: 'fail',
          text: 'keyvaultName is empty',
          evidence: {
            resource: element,
            path: parameterPath('keyvaultName'),
            observed: null,
            expected: 'a Key Vault name',
          },
        },
  );

  // The provider reads tenantID first and falls back to the deprecated tenantId.
  const tenantID = spcParameter(spc, 'tenantID');
  const tenantId = spcParameter(spc, 'tenantId');
  if (!tenantID && tenantId) {
    findings.push({
      verdict: 'warn',
      reason: 'deprecated-tenant-id',
      text: 'only the deprecated tenantId parameter is set',
      evidence: {
        resource: element,
        path: parameterPath('tenantId'),
        observed: tenantId,
        expected: 'tenantID',
      },
    });
  } else if (!tenantID) {
    findings.push({
      verdict: 'fail',
      text: 'no tenantID parameter is set, so the provider cannot reach Key Vault',
      evidence: {
        resource: element,
        path: parameterPath('tenantID'),
        observed: null,
        expected: 'the Key Vault tenant ID',
      },
    });
  }
  return findings;
}

/**
 * Judges the identity parameters as the provider parses them: an empty
 * value is false, anything else goes through Go's `strconv.ParseBool`,
 * and a value that does not parse makes every mount fail.
 */
function identityFindings(spc: KubernetesResource, element: string): Finding[] {
  const findings: Finding[] = [];
  const podIdentity = booleanParameter(spc, 'usePodIdentity', element);
  const vmIdentity = booleanParameter(spc, 'useVMManagedIdentity', element);
  const clientID = spcParameter(spc, 'clientID');

  for (const parsed of [podIdentity, vmIdentity]) {
    if (parsed.invalid) {
      findings.push({
        verdict: 'fail',
        text: `${parsed.key} is "${parsed.raw}", which is not a boolean, so mounts fail`,
        evidence: parsed.evidence,
      });
    }
  }
  if (podIdentity.value === true) {
    findings.push({
      verdict: 'fail',
      text: 'usePodIdentity is true: AAD Pod Identity is deprecated',
      evidence: podIdentity.evidence,
    });
  }
  if (vmIdentity.value === true) {
    findings.push({
      verdict: 'warn',
      reason: 'vm-managed-identity',
      text: 'useVMManagedIdentity is true: the kubelet identity is shared by every pod on the node',
      evidence: vmIdentity.evidence,
    });
  }
  if (!clientID && podIdentity.value !== true && vmIdentity.value !== true) {
    findings.push({
      verdict: 'warn',
      reason: 'no-identity',
      text: 'no identity parameter is set, so the provider uses a service-principal secret from nodePublishSecretRef',
      evidence: {
        resource: element,
        path: parameterPath('clientID'),
        observed: null,
        expected: 'a workload identity client ID',
      },
    });
  }
  if (clientID) {
    findings.push({
      verdict: 'pass',
      text: '',
      evidence: {
        resource: element,
        path: parameterPath('clientID'),
        observed: clientID,
        note: 'workload identity',
      },
    });
  }
  return findings;
}

function booleanParameter(
  spc: KubernetesResource,
  key: string,
  element: string,
) {
  const raw = spcParameter(spc, key);
  const value = raw === undefined ? false : parseBoolean(raw);
  return {
    key,
    raw,
    value,
    invalid: raw !== undefined && value === undefined,
    evidence: {
      resource: element,
      path: parameterPath(key),
      observed: raw ?? null,
      expected: 'false',
    } as Evidence,
  };
}

function objectFindings(
  spc: KubernetesResource,
  keyFiles: string[],
  element: string,
): Finding[] {
  const parsed = parseSpcObjects(spc);
  if (!parsed.ok) {
    return [
      {
        verdict: 'fail',
        text: parsed.problem,
        evidence: {
          resource: element,
          path: parameterPath('objects'),
          note: parsed.problem,
        },
      },
    ];
  }

  const findings: Finding[] = [];
  const certificates = parsed.objects.filter(object =>
    ['secret', 'cert'].includes(object.objectType?.toLowerCase() ?? ''),
  );
  findings.push(
    certificates.length > 0
      ? {
          verdict: 'pass',
          text: '',
          evidence: {
            resource: element,
            path: parameterPath('objects'),
            observed: parsed.objects.map(describe),
          },
        }
      : {
          verdict: 'fail',
          text: 'objects lists no certificate (objectType secret or cert)',
          evidence: {
            resource: element,
            path: parameterPath('objects'),
            observed: parsed.objects.map(describe),
            expected: 'an object of type secret or cert',
          },
        },
  );

  const synced = syncedSecrets(spc);
  if (synced.length > 0) {
    findings.push({
      verdict: 'warn',
      reason: 'synced-to-secret',
      text: `secretObjects copies Key Vault content into Kubernetes Secrets (${synced
        .map(secret => secret.secretName)
        .join(', ')}) stored in etcd`,
      evidence: {
        resource: element,
        path: 'spec.secretObjects',
        observed: synced.map(secret => secret.secretName),
        note: 'needed for an NGINX default certificate; acceptable but noted',
      },
    });
  }

  // The driver takes `tls.key` of a kubernetes.io/tls Secret from the private
  // key in the file; `cert` and `key` objects hold no private key.
  const keySources = [
    ...synced
      .filter(secret => secret.type === 'kubernetes.io/tls')
      .flatMap(secret =>
        secret.data
          .filter(item => item.key === 'tls.key')
          .map(item => ({
            fileName: item.objectName,
            path: `spec.secretObjects[${secret.secretName}].data[tls.key]`,
          })),
      ),
    ...keyFiles.map(fileName => ({
      fileName,
      path: `${parameterPath(
        'objects',
      )} (key file ${fileName} read by the controller)`,
    })),
  ];
  for (const source of keySources) {
    const object = parsed.objects.find(
      candidate => candidate.fileName === source.fileName,
    );
    const type = object?.objectType?.toLowerCase();
    if (!object) {
      findings.push({
        verdict: 'fail',
        text: `private key ${source.fileName} comes from no object in objects`,
        evidence: {
          resource: element,
          path: source.path,
          observed: source.fileName,
          expected: 'an object name or alias in objects',
        },
      });
    } else if (type !== KEY_PAIR_OBJECT_TYPE) {
      findings.push({
        verdict: 'fail',
        text: `private key ${source.fileName} comes from objectType ${
          object.objectType ?? '(unset)'
        }, which holds no private key`,
        evidence: {
          resource: element,
          path: source.path,
          observed: object.objectType ?? null,
          expected: KEY_PAIR_OBJECT_TYPE,
        },
      });
    }
  }
  return findings;
}

function describe(object: KeyVaultObject): string {
  return `${object.objectName}${
    object.objectAlias ? ` as ${object.objectAlias}` : ''
  } (${object.objectType ?? 'no type'})`;
}
