import {
  checkOf,
  evaluate,
  HUB_SUBSCRIPTION,
  readEntity,
  SPOKE_SUBSCRIPTION,
  useAzureMocks,
  useDemoKubernetesApi,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponent } from '../../__testUtils__/demoCatalog';

const VAULT_GROUP = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups/rg-contoso-aks-prod/providers/Microsoft.KeyVault/vaults`;
/** The vault that the Traefik SecretProviderClass of the demo cluster names. */
const CONTROLLER_VAULT_ID = `${VAULT_GROUP}/kv-contoso-ingress-prod`;
/** A vault that only the gateways' certificates use in these tests. */
const EDGE_VAULT_ID = `${VAULT_GROUP}/kv-contoso-edge-prod`;
const GATEWAY_GROUP = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups/rg-contoso-edge-prod/providers/Microsoft.Network/applicationGateways`;
const GATEWAY_IDS = [
  `${GATEWAY_GROUP}/agw-contoso-prod-01`,
  `${GATEWAY_GROUP}/agw-contoso-stores-01`,
  `${GATEWAY_GROUP}/agw-contoso-catalog-01`,
];
const RESOURCE_GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources';
const NETWORK_CHECK = 'ingress.keyvault.network-restricted';
const RBAC_CHECK = 'ingress.keyvault.rbac-authorization';

describe('AzureResourceSource with SecretProviderClass vaults', () => {
  const mocks = useAzureMocks();

  const kubernetes = useDemoKubernetesApi(mocks);
  const createSource = () => kubernetes.createSource();

  /**
   * Moves the gateways' certificates to a private copy of the demo vault,
   * so that the demo vault is used only by the Traefik controller's class.
   */
  function moveGatewayCertificates() {
    const vault = mocks.arm.get(CONTROLLER_VAULT_ID)!;
    mocks.arm.add(
      JSON.parse(
        JSON.stringify(vault)
          .split('kv-contoso-ingress-prod')
          .join('kv-contoso-edge-prod'),
      ),
    );
    for (const gatewayId of GATEWAY_IDS) {
      const gateway = mocks.arm.get(gatewayId)!;
      mocks.arm.add(
        JSON.parse(
          JSON.stringify(gateway)
            .split('kv-contoso-ingress-prod.vault')
            .join('kv-contoso-edge-prod.vault'),
        ),
      );
    }
  }

  /** Changes the demo vault that the controller's class names. */
  function changeControllerVault(change: (properties: any) => void) {
    const vault = structuredClone(mocks.arm.get(CONTROLLER_VAULT_ID)!);
    change(vault.properties);
    mocks.arm.add(vault);
  }

  it('judges the vault of the controller class', async () => {
    moveGatewayCertificates();
    changeControllerVault(properties => {
      properties.networkAcls.defaultAction = 'Allow';
      properties.enableRbacAuthorization = false;
    });

    const resourceSet = await readEntity(
      createSource(),
      demoComponent('checkout-api'),
    );
    const assessment = evaluate(resourceSet);

    expect(
      resourceSet.resources.map(resource =>
        resource.kind === 'arm' ? resource.id.toLowerCase() : undefined,
      ),
    ).toEqual(
      expect.arrayContaining([
        EDGE_VAULT_ID.toLowerCase(),
        CONTROLLER_VAULT_ID.toLowerCase(),
      ]),
    );
    expect(checkOf(assessment, NETWORK_CHECK).verdict).toBe('fail');
    expect(checkOf(assessment, NETWORK_CHECK).message).toContain(
      'kv-contoso-ingress-prod',
    );
    expect(checkOf(assessment, RBAC_CHECK).verdict).toBe('fail');
    expect(checkOf(assessment, RBAC_CHECK).message).toContain(
      'Key Vault kv-contoso-ingress-prod uses access policies',
    );
  });

  it('passes a private controller vault with Azure RBAC', async () => {
    moveGatewayCertificates();

    const assessment = evaluate(
      await readEntity(createSource(), demoComponent('checkout-api')),
    );

    expect(checkOf(assessment, NETWORK_CHECK).verdict).toBe('pass');
    expect(checkOf(assessment, NETWORK_CHECK).message).toContain(
      '2 Key Vaults checked',
    );
    expect(checkOf(assessment, RBAC_CHECK).verdict).toBe('pass');
  });

  it('reads the controller vault once per refresh', async () => {
    moveGatewayCertificates();
    const source = createSource();

    source.beginRefresh();
    try {
      await readEntity(source, demoComponent('checkout-api'));
      await readEntity(source, demoComponent('store-terminal-api'));
    } finally {
      source.endRefresh();
    }

    expect(mocks.arm.requestsFor(CONTROLLER_VAULT_ID)).toHaveLength(1);
    expect(mocks.arm.requestsFor(EDGE_VAULT_ID)).toHaveLength(1);
    expect(mocks.arm.requestsFor(RESOURCE_GRAPH_PATH)).toHaveLength(1);
  });

  it('reads a vault shared with the gateway once', async () => {
    const resourceSet = await readEntity(
      createSource(),
      demoComponent('checkout-api'),
    );

    expect(mocks.arm.requestsFor(CONTROLLER_VAULT_ID)).toHaveLength(1);
    expect(mocks.arm.requestsFor(RESOURCE_GRAPH_PATH)).toHaveLength(1);
    expect(
      resourceSet.resources.filter(
        resource =>
          resource.kind === 'arm' &&
          resource.id.toLowerCase() === CONTROLLER_VAULT_ID.toLowerCase(),
      ),
    ).toHaveLength(1);
    expect(checkOf(evaluate(resourceSet), NETWORK_CHECK).verdict).toBe('pass');
  });

  it('reports a controller vault missing from Resource Graph', async () => {
    moveGatewayCertificates();
    mocks.arm.remove(CONTROLLER_VAULT_ID);

    const resourceSet = await readEntity(
      createSource(),
      demoComponent('checkout-api'),
    );
    const assessment = evaluate(resourceSet);

    const message = `No Key Vault named kv-contoso-ingress-prod was found with Azure Resource Graph in subscriptions ${SPOKE_SUBSCRIPTION}, ${HUB_SUBSCRIPTION}`;
    expect(resourceSet.failures).toContainEqual({
      target: '/providers/Microsoft.KeyVault/vaults/kv-contoso-ingress-prod',
      reason: 'not-found',
      message,
    });
    for (const checkId of [NETWORK_CHECK, RBAC_CHECK]) {
      expect(checkOf(assessment, checkId)).toMatchObject({
        verdict: 'unknown',
        reason: 'not-found',
      });
      expect(checkOf(assessment, checkId).message).toContain(
        `used by SecretProviderClass traefik/aks-ingress-tls-secret-csi-akv, could not be read: ${message}`,
      );
    }
  });
});
