import { Evidence, KubernetesResource } from '../../../types';
import { parseBoolean, stringAt } from '../../../resources/json';
import { Finding, passFinding } from './findings';
import {
  KeyVaultObject,
  parseSpcObjects,
  spcParameter,
  syncedSecrets,
} from './secretProviderClasses';

/** The only Key Vault object type that returns a certificate together with its private key. */
const KEY_PAIR_OBJECT_TYPE = 'secret';

function parameterPath(key: string): string {
  return `spec.parameters.${key}`;
}

/** Judges the provider, Key Vault name and tenant parameters of a SecretProviderClass. */
export function providerFindings(
  spc: KubernetesResource,
  element: string,
): Finding[] {
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
      ? passFinding({
          resource: element,
          path: parameterPath('keyvaultName'),
          observed: vault,
        })
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
export function identityFindings(
  spc: KubernetesResource,
  element: string,
): Finding[] {
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
    findings.push(
      passFinding({
        resource: element,
        path: parameterPath('clientID'),
        observed: clientID,
        note: 'workload identity',
      }),
    );
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

/**
 * Judges the `objects` parameter and `secretObjects`: a certificate must be
 * fetched, and every private key that feeds a TLS key pair must come from a
 * `secret` object.
 */
export function objectFindings(
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
      ? passFinding({
          resource: element,
          path: parameterPath('objects'),
          observed: parsed.objects.map(describe),
        })
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

  // A private key synced into a Secret is stored in etcd; NGINX needs that
  // for its default certificate, so it is acceptable but noted.
  const synced = syncedSecrets(spc);
  const keySecrets = synced.filter(
    secret =>
      secret.type === 'kubernetes.io/tls' ||
      secret.data.some(item => item.key === 'tls.key'),
  );
  if (keySecrets.length > 0) {
    findings.push({
      verdict: 'warn',
      reason: 'synced-to-secret',
      text: `secretObjects copies the private key into Kubernetes Secrets (${keySecrets
        .map(secret => secret.secretName)
        .join(', ')}) stored in etcd`,
      evidence: {
        resource: element,
        path: 'spec.secretObjects',
        observed: keySecrets.map(secret => secret.secretName),
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
        }, which contains no private key`,
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
