import { Evidence } from '../../../types';
import { stringAt } from '../../../resources/json';
import { fail, pass, unknown, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import { parseKeyVaultUri } from '../keyVault/keyVaultUri';
import {
  GatewayModel,
  SubResource,
  referenceName,
  servedGateway,
} from './gatewayModel';
import { listenerElement } from './tlsPolicy';

const EXPECTED =
  'a versionless Key Vault secret URI (https://<vault>.vault.azure.net/secrets/<name>)';

function judgeSecretId(
  certificate: SubResource,
  secretId: string,
  evidence: Evidence[],
): CheckOutcome {
  const reference = parseKeyVaultUri(secretId);
  const name = certificate.name;

  if (reference.kind === 'expression') {
    if (reference.versionless === true) {
      return pass(
        `Certificate ${name} refers to the versionless URI of a Key Vault secret.`,
        evidence,
      );
    }
    if (reference.versionless === false) {
      return warn(
        `Certificate ${name} refers to a versioned Key Vault secret URI (secretUriWithVersion), so renewed certificates are not picked up.`,
        evidence,
        'versioned-secret',
      );
    }
    return unknown(
      'unresolved-expression',
      `Certificate ${name} sets keyVaultSecretId to the template expression ${secretId}, which cannot be resolved to a URI.`,
      evidence,
    );
  }
  if (reference.kind === 'invalid') {
    return fail(
      `Certificate ${name} sets keyVaultSecretId to ${secretId}, which is not a Key Vault secret URI.`,
      evidence,
    );
  }
  if (
    reference.collection === 'certificates' ||
    reference.collection === 'keys'
  ) {
    return fail(
      `Certificate ${name} refers to a Key Vault ${reference.collection.slice(
        0,
        -1,
      )} identifier (${secretId}), which does not give the gateway the private key; use the certificate's secret URI.`,
      evidence,
    );
  }
  if (reference.collection !== 'secrets') {
    return fail(
      `Certificate ${name} sets keyVaultSecretId to ${secretId}, which is not a Key Vault secret URI.`,
      evidence,
    );
  }
  if (reference.version !== undefined) {
    const format = /^[0-9a-f]{32}$/i.test(reference.version)
      ? ''
      : ' (not the usual 32 hexadecimal digits)';
    return warn(
      `Certificate ${name} refers to version ${reference.version}${format} of Key Vault secret ${reference.objectName}, so the gateway does not rotate to renewed certificates.`,
      evidence,
      'versioned-secret',
    );
  }
  return pass(
    `Certificate ${name} refers to the versionless Key Vault secret ${reference.objectName} in vault ${reference.vaultName}.`,
    evidence,
  );
}

function judgeCertificate(
  model: GatewayModel,
  certificate: SubResource,
): CheckOutcome {
  const path = `${certificate.path}.properties.keyVaultSecretId`;
  const secretId = stringAt(certificate.properties, 'keyVaultSecretId');
  if (secretId) {
    return judgeSecretId(certificate, secretId, [
      {
        resource: model.resource.id,
        path,
        observed: secretId,
        expected: EXPECTED,
      },
    ]);
  }

  // Certificate data is never copied into the evidence, only its presence.
  const uploaded = ['data', 'publicCertData'].filter(
    key =>
      certificate.properties[key] !== undefined &&
      certificate.properties[key] !== null,
  );
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path,
      observed: null,
      expected: EXPECTED,
      note:
        uploaded.length > 0
          ? `The certificate carries ${uploaded.join(
              ' and ',
            )} (value not shown).`
          : undefined,
    },
  ];
  if (uploaded.length > 0) {
    return fail(
      `Certificate ${certificate.name} is an uploaded PFX, not a Key Vault reference.`,
      evidence,
    );
  }
  return unknown(
    'missing-property',
    `Certificate ${certificate.name} shows neither keyVaultSecretId nor certificate data, so its source cannot be judged.`,
    evidence,
  );
}

function certificateGroups(model: GatewayModel): GroupOutcome[] {
  const byCertificate = new Map<
    string,
    {
      certificate?: SubResource;
      reference?: string;
      listeners: string[];
      paths: string[];
    }
  >();
  const listeners = [
    ...model
      .servedHttpsListeners()
      .map(listener => ({ listener, layer4: false })),
    ...model.servedTlsListeners().map(listener => ({ listener, layer4: true })),
  ];

  for (const { listener, layer4 } of listeners) {
    const reference = referenceName(listener, 'sslCertificate');
    const certificate = model.find('sslCertificates', reference);
    const key = certificate
      ? `found:${certificate.name.toLowerCase()}`
      : `missing:${(reference ?? '').toLowerCase()}`;
    const group = byCertificate.get(key) ?? {
      certificate,
      reference,
      listeners: [],
      paths: [],
    };
    group.listeners.push(listenerElement(listener, layer4));
    group.paths.push(`${listener.path}.properties.sslCertificate.id`);
    byCertificate.set(key, group);
  }

  return [...byCertificate.values()].map(group => {
    if (group.certificate) {
      return {
        ...judgeCertificate(model, group.certificate),
        elements: group.listeners,
      };
    }
    const outcome =
      group.reference === undefined
        ? unknown(
            'missing-property',
            `HTTPS listener ${group.listeners[0]} names no SSL certificate, so its certificate source cannot be judged.`,
            [
              {
                resource: model.resource.id,
                path: group.paths[0],
                observed: null,
                expected: 'a reference to properties.sslCertificates',
              },
            ],
          )
        : unknown(
            'unresolved-reference',
            `HTTPS listener ${group.listeners[0]} uses SSL certificate ${group.reference}, which is not defined on the gateway.`,
            [
              {
                resource: model.resource.id,
                path: group.paths[0],
                observed: group.reference,
                expected: 'an entry of properties.sslCertificates',
              },
            ],
          );
    return { ...outcome, elements: group.listeners };
  });
}

export const listenerCertKeyVault: CheckDefinition = {
  id: 'ingress.appgw.listener-cert-keyvault',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'Listener certificates are Key Vault references.',
  why: 'Certificates kept in Key Vault rotate without redeployment and keep private key material out of the gateway resource.',
  remediation:
    "Store the PFX as a Key Vault certificate and set the listener certificate's `keyVaultSecretId` to its versionless secret URI.",
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/key-vault-certs',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    return combineGroups(
      certificateGroups(model),
      `Application Gateway ${model.resource.name} has no HTTPS or TLS listener that serves the service.`,
    );
  },
};
