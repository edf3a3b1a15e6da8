import { stringify } from 'yaml';
import {
  arm,
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { aksBaselineTraefik } from '../../../__testUtils__/traefikFixture';
import {
  AssessmentScope,
  KubernetesResource,
  ReadFailure,
  Resource,
} from '../../../types';
import {
  baselineVaultProperties,
  gateway,
  gatewayWith,
  runCheck,
  SUBSCRIPTION,
  vault,
} from '../__testUtils__/gatewayBodies';
import { CheckDefinition } from '../../types';
import { keyVaultNetworkRestricted } from './keyVaultNetworkRestricted';
import { keyVaultRbacAuthorization } from './keyVaultRbacAuthorization';
import { secretProviderClassVaultNames } from './secretProviderClassVaults';

const SCOPE: AssessmentScope = { namespace: 'a0008' };
/** The class that the aks-baseline Traefik Deployment mounts. */
const SPC_NAME = 'aks-ingress-tls-secret-csi-akv';
const SPC_VAULT = 'kv-traefik-a0008';
const SPC_VAULT_ID = `${SUBSCRIPTION}/providers/Microsoft.KeyVault/vaults/${SPC_VAULT}`;
const SPC_USER = `SecretProviderClass a0008/${SPC_NAME}`;

/** Returns a SecretProviderClass in namespace a0008 with the given spec. */
function secretProviderClass(
  spec: Record<string, unknown>,
  name = SPC_NAME,
): KubernetesResource[] {
  return kubernetes(
    stringify({
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name, namespace: 'a0008' },
      spec,
    }),
  );
}

/** Returns an azure SecretProviderClass whose keyvaultName is the given value. */
function classNaming(keyvaultName: unknown, name = SPC_NAME) {
  return secretProviderClass(
    {
      provider: 'azure',
      parameters: {
        clientID: '00000000-0000-0000-0000-000000000002',
        keyvaultName,
        tenantID: '00000000-0000-0000-0000-000000000003',
      },
    },
    name,
  );
}

/** Returns the vault that the Traefik class names, after applying a change. */
function spcVault(change: (properties: any) => void = () => {}) {
  const properties = baselineVaultProperties() as any;
  properties.vaultUri = `https://${SPC_VAULT}.vault.azure.net/`;
  properties.privateEndpointConnections[0].id = `${SPC_VAULT_ID}/privateEndpointConnections/pe-${SPC_VAULT}`;
  change(properties);
  return arm({
    id: SPC_VAULT_ID,
    name: SPC_VAULT,
    type: 'Microsoft.KeyVault/vaults',
    location: 'eastus2',
    properties,
  });
}

/** Returns the aks-baseline Traefik controller and the Ingress it serves in namespace a0008. */
function traefikObjects(): Resource[] {
  return [
    ...aksBaselineTraefik(),
    ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
  ];
}

/** Runs a check on the baseline gateway and its vault, with more resources. */
function judge(
  check: CheckDefinition,
  resources: Resource[],
  failures: ReadFailure[] = [],
) {
  return runCheck(
    check,
    [gateway(gatewayWith(() => {})), vault(), ...resources],
    { scope: SCOPE, failures },
  );
}

const notFound: ReadFailure = {
  target: `/providers/Microsoft.KeyVault/vaults/${SPC_VAULT}`,
  reason: 'not-found',
  message: `No Key Vault named ${SPC_VAULT} was found with Azure Resource Graph in subscriptions 00000000-0000-0000-0000-000000000001`,
};

describe('Key Vaults of SecretProviderClasses', () => {
  it('fails a public vault of the controller class', () => {
    const result = judge(keyVaultNetworkRestricted, [
      ...traefikObjects(),
      ...classNaming(SPC_VAULT),
      spcVault(properties => {
        properties.networkAcls.defaultAction = 'Allow';
      }),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain(`Key Vault ${SPC_VAULT}`);
    expect(result.message).toContain('defaultAction Allow');
  });

  it('passes a private vault of the controller class', () => {
    const result = judge(keyVaultNetworkRestricted, [
      ...traefikObjects(),
      ...classNaming(SPC_VAULT),
      spcVault(),
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('2 Key Vaults checked');
    expect(result.evidence.map(item => item.resource)).toContain(SPC_VAULT_ID);
  });

  it('fails a controller class vault with access policies', () => {
    const result = judge(keyVaultRbacAuthorization, [
      ...traefikObjects(),
      ...classNaming(SPC_VAULT),
      spcVault(properties => {
        properties.enableRbacAuthorization = false;
      }),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain(
      `Key Vault ${SPC_VAULT} uses access policies`,
    );
  });

  it('passes a controller class vault with Azure RBAC', () => {
    const result = judge(keyVaultRbacAuthorization, [
      ...traefikObjects(),
      ...classNaming(SPC_VAULT),
      spcVault(),
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.evidence.map(item => item.resource)).toContain(SPC_VAULT_ID);
  });

  it.each([keyVaultNetworkRestricted, keyVaultRbacAuthorization])(
    '$id is unknown when the class vault was not found',
    check => {
      const result = judge(
        check,
        [...traefikObjects(), ...classNaming(SPC_VAULT)],
        [notFound],
      );

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('not-found');
      expect(result.message).toContain(
        `Key Vault ${SPC_VAULT}, used by ${SPC_USER}, could not be read: ${notFound.message}`,
      );
    },
  );

  it('is unknown for an unread class vault', () => {
    const result = judge(keyVaultNetworkRestricted, [
      ...traefikObjects(),
      ...classNaming(SPC_VAULT),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain(
      `Key Vault ${SPC_VAULT} is used by ${SPC_USER} but was not read`,
    );
  });

  it('judges a vault shared with the gateway once', () => {
    const result = judge(keyVaultNetworkRestricted, [
      ...traefikObjects(),
      ...classNaming('KV-AKS-BU0001A0008'),
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.message).not.toContain('Key Vaults checked');
    expect(
      result.evidence.filter(
        item => item.path === 'properties.publicNetworkAccess',
      ),
    ).toHaveLength(1);
  });

  it('names every user of an unread shared vault once', () => {
    const result = runCheck(
      keyVaultNetworkRestricted,
      [
        gateway(gatewayWith(() => {})),
        ...traefikObjects(),
        ...classNaming('kv-aks-bu0001a0008'),
      ],
      { scope: SCOPE },
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain(
      `Key Vault kv-aks-bu0001a0008 is used by gateway certificate apw-bicycle-cert, gateway trusted root root-cert-wildcard-aks-ingress, ${SPC_USER} but was not read`,
    );
    expect(result.message).not.toContain('Key Vaults');
  });

  it.each([keyVaultNetworkRestricted, keyVaultRbacAuthorization])(
    '$id is unchanged without a mounted class',
    check => {
      const withoutKubernetes = judge(check, []);
      const withApp = judge(check, [
        ...fixture('aks-baseline/01-aspnetapp.yaml'),
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
        ...classNaming(SPC_VAULT, 'unmounted'),
      ]);

      expect(withoutKubernetes.verdict).toBe('pass');
      expect(withApp).toEqual(withoutKubernetes);
    },
  );

  describe('when the namespace on the cluster was not read', () => {
    const clusterScope: AssessmentScope = {
      ...SCOPE,
      clusterId: `${SUBSCRIPTION}/providers/Microsoft.ContainerService/managedClusters/aks-a0008`,
    };

    it.each([keyVaultNetworkRestricted, keyVaultRbacAuthorization])(
      '$id is unknown with a private gateway vault',
      check => {
        const result = runCheck(
          check,
          [gateway(gatewayWith(() => {})), vault()],
          {
            scope: clusterScope,
          },
        );

        expect(result.verdict).toBe('unknown');
        expect(result.message).toContain(
          'the Key Vaults of the SecretProviderClasses mounted for the service are not known',
        );
      },
    );

    it('still fails a public gateway vault', () => {
      const result = runCheck(
        keyVaultNetworkRestricted,
        [
          gateway(gatewayWith(() => {})),
          vault(properties => {
            (properties as any).networkAcls.defaultAction = 'Allow';
          }),
        ],
        { scope: clusterScope },
      );

      expect(result.verdict).toBe('fail');
    });
  });

  describe('with a class without keyvaultName', () => {
    it.each([
      { name: 'missing', value: undefined },
      { name: 'empty', value: ' ' },
      { name: 'a map', value: { name: SPC_VAULT } },
    ])('is unknown when keyvaultName is $name', ({ value }) => {
      const result = judge(keyVaultNetworkRestricted, [
        ...traefikObjects(),
        ...classNaming(value),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unresolved-reference');
      expect(result.message).toContain(`${SPC_USER} sets no keyvaultName`);
    });

    it('still fails a public gateway vault', () => {
      const result = runCheck(
        keyVaultNetworkRestricted,
        [
          gateway(gatewayWith(() => {})),
          vault(properties => {
            delete properties.networkAcls;
          }),
          ...traefikObjects(),
          ...classNaming(undefined),
        ],
        { scope: SCOPE },
      );

      expect(result.verdict).toBe('fail');
    });
  });

  it('is unknown when the mounted class does not exist', () => {
    const result = judge(keyVaultNetworkRestricted, traefikObjects());

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain(
      `mounts SecretProviderClass ${SPC_NAME}, which does not exist in namespace a0008`,
    );
  });

  it('is unknown when the classes could not be listed', () => {
    const result = judge(keyVaultNetworkRestricted, traefikObjects(), [
      {
        target: 'kubernetes:SecretProviderClass',
        reason: 'forbidden',
        message: 'The identity may not list secretproviderclasses.',
      },
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
    expect(result.message).toContain(
      'The identity may not list secretproviderclasses.',
    );
  });

  it('is unknown when the Deployments could not be listed', () => {
    const result = judge(
      keyVaultNetworkRestricted,
      [...traefikObjects(), ...classNaming(SPC_VAULT), spcVault()],
      [
        {
          target: 'kubernetes:Deployment',
          reason: 'forbidden',
          message: 'The identity may not list deployments.',
        },
      ],
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
    expect(result.message).toContain('Deployment objects');
  });

  it('ignores a class of another provider', () => {
    const result = judge(keyVaultNetworkRestricted, [
      ...traefikObjects(),
      ...secretProviderClass({
        provider: 'vault',
        parameters: { keyvaultName: SPC_VAULT },
      }),
    ]);

    expect(result.verdict).toBe('pass');
  });

  it("follows a class that the service's pods mount", () => {
    const app = fixture('aks-baseline/01-aspnetapp.yaml').map(resource => {
      if (
        resource.kind !== 'kubernetes' ||
        resource.objectKind !== 'Deployment'
      ) {
        return resource;
      }
      const body = structuredClone(resource.body) as any;
      body.spec.template.spec.volumes = [
        {
          name: 'secrets',
          csi: {
            driver: 'secrets-store.csi.k8s.io',
            readOnly: true,
            volumeAttributes: { secretProviderClass: 'app-secrets' },
          },
        },
      ];
      return { ...resource, body };
    });
    const result = judge(keyVaultNetworkRestricted, [
      ...app,
      ...classNaming(SPC_VAULT, 'app-secrets'),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain(
      `Key Vault ${SPC_VAULT} is used by SecretProviderClass a0008/app-secrets`,
    );
  });

  describe('without a gateway', () => {
    function judgeFiles(resources: Resource[], failures: ReadFailure[] = []) {
      return runCheck(keyVaultNetworkRestricted, [vault(), ...resources], {
        scope: SCOPE,
        failures,
      });
    }

    it('is unknown for a class vault the files lack', () => {
      const result = judgeFiles([
        ...traefikObjects(),
        ...classNaming(SPC_VAULT),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unresolved-reference');
      expect(result.message).toContain(
        `Key Vault ${SPC_VAULT} is used by ${SPC_USER} but was not read`,
      );
    });

    it('judges the vaults in the files without a mounted class', () => {
      const result = judgeFiles([
        ...fixture('aks-baseline/01-aspnetapp.yaml'),
        ...classNaming(SPC_VAULT, 'unmounted'),
      ]);

      expect(result.verdict).toBe('pass');
      expect(result.message).toContain('kv-aks-bu0001a0008');
    });

    it('judges a class vault that the files contain', () => {
      const result = judgeFiles([
        ...traefikObjects(),
        ...classNaming(SPC_VAULT),
        spcVault(properties => {
          properties.publicNetworkAccess = 'Enabled';
          delete properties.networkAcls;
        }),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(SPC_VAULT);
    });

    it('is unknown when the class vault read failed', () => {
      const result = judgeFiles(
        [...traefikObjects(), ...classNaming(SPC_VAULT)],
        [notFound],
      );

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('not-found');
    });

    it('is unknown when only the class vault read failed', () => {
      const result = runCheck(
        keyVaultNetworkRestricted,
        [...traefikObjects(), ...classNaming(SPC_VAULT)],
        { scope: SCOPE, failures: [notFound] },
      );

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('not-found');
      expect(result.message).toContain(notFound.message);
    });
  });
});

describe('secretProviderClassVaultNames', () => {
  it('returns mounted class vaults in lower case', () => {
    const names = secretProviderClassVaultNames(
      resourceSet({
        scope: SCOPE,
        resources: [
          ...traefikObjects(),
          ...classNaming('KV-Traefik-A0008'),
          ...classNaming('kv-unmounted', 'unmounted'),
        ],
      }),
    );

    expect(names).toEqual([SPC_VAULT]);
  });

  it('returns nothing when the namespace was not read', () => {
    const names = secretProviderClassVaultNames(
      resourceSet({
        scope: SCOPE,
        resources: [...traefikObjects(), ...classNaming(SPC_VAULT)],
        kubernetesNamespaceRead: false,
      }),
    );

    expect(names).toEqual([]);
  });

  it('skips the classes of a non-serving controller', () => {
    const nginx = kubernetes(
      stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'nginx', namespace: 'ingress-nginx' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'controller',
                  image: 'registry.k8s.io/ingress-nginx/controller:v1.12.0',
                },
              ],
              volumes: [
                {
                  name: 'tls',
                  csi: {
                    driver: 'secrets-store.csi.k8s.io',
                    volumeAttributes: { secretProviderClass: 'nginx-tls' },
                  },
                },
              ],
            },
          },
        },
      }),
    );
    const nginxClass = kubernetes(
      stringify({
        apiVersion: 'secrets-store.csi.x-k8s.io/v1',
        kind: 'SecretProviderClass',
        metadata: { name: 'nginx-tls', namespace: 'ingress-nginx' },
        spec: { provider: 'azure', parameters: { keyvaultName: 'kv-nginx' } },
      }),
    );

    const names = secretProviderClassVaultNames(
      resourceSet({
        scope: SCOPE,
        resources: [
          ...traefikObjects(),
          ...classNaming(SPC_VAULT),
          ...nginx,
          ...nginxClass,
        ],
      }),
    );

    expect(names).toEqual([SPC_VAULT]);
  });
});
