import { InputNamer, inputName } from './inputNames';
import {
  capitalise,
  KubernetesResource,
  objectsAt,
  parseBoolean,
  parseKeyVaultUri,
  parseSpcObjects,
  repositoryGateway,
  ResourceSet,
  spcParameter,
  stringAt,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * The values that name the service's Key Vault objects and identity: the
 * service template's inputs, or the check command's options.
 *
 * @public
 */
export interface KeyVaultInputs {
  keyVaultName?: unknown;
  tenantId?: unknown;
  workloadIdentityClientId?: unknown;
  publicCertificateName?: unknown;
  internalCertificateName?: unknown;
  trustedRootCertificateName?: unknown;
}

/**
 * Compares the Key Vault settings of the rendered files with the template
 * inputs, and returns one message per difference. The checks accept any
 * vault, tenant, client id and object name. Without this comparison, a
 * workspace that reads another vault's certificate, or reads it with another
 * identity, would be published. Inputs that are not set are not compared.
 * `nameOf` names an input in the messages, `input '<key>'` by default.
 *
 * @public
 */
export function findKeyVaultMismatches(
  inputs: KeyVaultInputs,
  resourceSet: ResourceSet,
  nameOf: InputNamer = inputName,
): string[] {
  return [
    ...resourceSet.resources
      .filter(
        (resource): resource is KubernetesResource =>
          resource.kind === 'kubernetes' &&
          resource.objectKind === 'SecretProviderClass',
      )
      .flatMap(spc => secretProviderClassMismatches(inputs, spc, nameOf)),
    ...gatewayMismatches(inputs, resourceSet, nameOf),
  ];
}

function secretProviderClassMismatches(
  inputs: KeyVaultInputs,
  spc: KubernetesResource,
  nameOf: InputNamer,
): string[] {
  const where = `SecretProviderClass ${spc.name} in ${spc.origin.location}`;
  const problems: string[] = [];

  const parameters: Array<[string, keyof KeyVaultInputs]> = [
    ['keyvaultName', 'keyVaultName'],
    ['tenantID', 'tenantId'],
    ['clientID', 'workloadIdentityClientId'],
  ];
  for (const [parameter, input] of parameters) {
    const expected = inputs[input];
    const actual = spcParameter(spc, parameter);
    if (typeof expected === 'string' && !sameName(actual, expected)) {
      problems.push(
        `${capitalise(
          nameOf(input),
        )} is '${expected}' but ${where} sets ${parameter} to '${
          actual ?? '(none)'
        }'`,
      );
    }
  }

  // The workload identity must be the only identity, because with either
  // flag true the provider reads Key Vault with another identity.
  for (const flag of ['usePodIdentity', 'useVMManagedIdentity']) {
    const value = spcParameter(spc, flag);
    if (value !== undefined && parseBoolean(value) !== false) {
      problems.push(
        `${where} sets ${flag} to '${value}'; the service reads Key Vault only with its workload identity, so set it to "false"`,
      );
    }
  }

  const allowed = [
    inputs.internalCertificateName,
    inputs.trustedRootCertificateName,
  ].filter((name): name is string => typeof name === 'string');
  const parsed = parseSpcObjects(spc);
  if (allowed.length > 0 && parsed.ok) {
    for (const object of parsed.objects) {
      if (!allowed.some(name => sameName(object.objectName, name))) {
        problems.push(
          `${where} reads Key Vault object '${
            object.objectName
          }', which is neither ${nameOf(
            'internalCertificateName',
          )} nor ${nameOf('trustedRootCertificateName')} (${allowed
            .map(name => `'${name}'`)
            .join(', ')})`,
        );
      }
    }
  }
  return problems;
}

/**
 * Compares the Key Vault secrets that the gateway file's certificates refer
 * to: listener certificates must be the public certificate and trusted
 * roots the trusted root certificate, both in the input vault.
 */
function gatewayMismatches(
  inputs: KeyVaultInputs,
  resourceSet: ResourceSet,
  nameOf: InputNamer,
): string[] {
  const gateway = repositoryGateway(resourceSet);
  if (!gateway) {
    return [];
  }

  const collections: Array<[string, keyof KeyVaultInputs]> = [
    ['sslCertificates', 'publicCertificateName'],
    ['trustedRootCertificates', 'trustedRootCertificateName'],
  ];
  return collections.flatMap(([collection, input]) =>
    objectsAt(gateway.body, `properties.${collection}`).flatMap(
      (certificate, index) => {
        const name = stringAt(certificate, 'name') ?? `${collection}[${index}]`;
        const secretId = stringAt(certificate, 'properties.keyVaultSecretId');
        const reference = secretId ? parseKeyVaultUri(secretId) : undefined;
        if (!secretId) {
          // ingress.appgw.listener-cert-keyvault judges a certificate
          // without a Key Vault reference.
          return [];
        }
        if (reference?.kind !== 'uri') {
          // An expression can name any vault, so only a URI can be compared.
          return typeof inputs.keyVaultName === 'string' ||
            typeof inputs[input] === 'string'
            ? [
                `${collection} ${name} of ${
                  gateway.origin.location
                } sets keyVaultSecretId to an expression or an invalid URI; expected a Key Vault URI such as https://${
                  typeof inputs.keyVaultName === 'string'
                    ? inputs.keyVaultName
                    : '<vault>'
                }.vault.azure.net/secrets/${
                  typeof inputs[input] === 'string' ? inputs[input] : '<name>'
                }`,
              ]
            : [];
        }

        const problems: string[] = [];
        const vault = inputs.keyVaultName;
        if (
          typeof vault === 'string' &&
          !sameName(reference.vaultName, vault)
        ) {
          problems.push(
            `${capitalise(
              nameOf('keyVaultName'),
            )} is '${vault}' but ${collection} ${name} of ${
              gateway.origin.location
            } reads vault '${reference.vaultName}'`,
          );
        }
        const expected = inputs[input];
        if (
          typeof expected === 'string' &&
          !sameName(reference.objectName, expected)
        ) {
          problems.push(
            `${capitalise(
              nameOf(input),
            )} is '${expected}' but ${collection} ${name} of ${
              gateway.origin.location
            } reads '${reference.objectName}'`,
          );
        }
        return problems;
      },
    ),
  );
}

/** Compares Key Vault names and GUIDs, which Azure treats without case. */
function sameName(actual: string | undefined, expected: string): boolean {
  return actual?.toLowerCase() === expected.toLowerCase();
}
