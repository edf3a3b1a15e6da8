import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import {
  editFile,
  renderedServiceFiles,
  RENDERED_SERVICE_INPUTS,
} from '../__testUtils__/renderedService';
import { createVerifyAction } from './verify';

const DEFAULT_DENY_POLICY = /^# Nothing reaches[\s\S]*?\n---\n/;

/** A catalog entity of the given kind named like the fixture service. */
function entityNamedLikeService(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: RENDERED_SERVICE_INPUTS.name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-origin-location':
          'file:/srv/backstage/examples/entities.yaml',
      },
    },
    spec: { type: 'service', owner: 'group:default/team-orders' },
  };
}

describe('aks-traffic-security:verify', () => {
  const workspace = createMockDirectory();
  const createAction = (
    options: { config?: ConfigReader; entities?: Entity[] } = {},
  ) =>
    createVerifyAction({
      config: options.config ?? new ConfigReader({}),
      catalog: catalogServiceMock({ entities: options.entities ?? [] }),
      auth: mockServices.auth(),
    });
  const action = createAction();

  const run = async (
    input: Record<string, unknown> = RENDERED_SERVICE_INPUTS,
    files: Record<string, string> = renderedServiceFiles(),
    isDryRun = false,
  ) => {
    workspace.setContent(files);
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    const context = { ...ctx, isDryRun };
    const info = jest.spyOn(context.logger, 'info');
    const warn = jest.spyOn(context.logger, 'warn');
    await action.handler(context);
    return { context, info, warn };
  };

  const runExpectingError = async (
    ...args: Parameters<typeof run>
  ): Promise<Error> => {
    const error = await run(...args).then(
      () => undefined,
      (e: Error) => e,
    );
    if (!error) {
      throw new Error('Expected the gate to reject the workspace');
    }
    return error;
  };

  it('passes the rendered service and outputs a summary', async () => {
    const { context } = await run();

    expect(context.output).toHaveBeenCalledWith('passed', true);
    const summary = (context.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'summary',
    )[1];
    expect(summary.passed).toBe(true);
    expect(summary.blocking).toEqual([]);
    expect(summary.counts.fail).toBe(0);
    expect(summary.counts.pass).toBeGreaterThan(0);
    expect(summary.needsLiveData).toBeGreaterThan(0);
    expect(summary.flows.management.verdict).toBe('unknown');
    expect(summary.flows.ingress.counts.pass).toBeGreaterThan(0);
  });

  it('logs the verdict of each check', async () => {
    const { info } = await run();

    const lines = info.mock.calls.map(([message]) => String(message));
    expect(lines).toContainEqual(
      expect.stringMatching(/^PASS ingress\.appgw\.strict-sni: /),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^UNKNOWN mgmt\.aks\.local-accounts-disabled: /),
    );
  });

  it('reports checks of the live cluster as unknown', async () => {
    const { info } = await run({
      ...RENDERED_SERVICE_INPUTS,
      failOn: 'unknown',
    });

    const lines = info.mock.calls.map(([message]) => String(message));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^UNKNOWN pod\.aks\.network-policy-engine: The repository contains no Microsoft\.ContainerService\/managedClusters resource/,
      ),
    );
  });

  it('judges gateway-wide settings that the repository declares', async () => {
    const files = editFile(
      renderedServiceFiles(),
      'infra/appgw-service.json',
      '"properties": {\n    "sslCertificates"',
      '"properties": {\n    "sku": { "name": "Standard_v2", "tier": "Standard_v2" },\n    "sslCertificates"',
    );

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error.message).toContain('ingress.appgw.sku-waf-v2 (fail');
  });

  it('fails on a listener without strict SNI and names the fix', async () => {
    const files = editFile(
      renderedServiceFiles(),
      'infra/appgw-service.json',
      '"requireServerNameIndication": true',
      '"requireServerNameIndication": false',
    );

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error.message).toMatch(/^Traffic security gate failed: 1 check/);
    expect(error.message).toContain('- ingress.appgw.strict-sni (fail, high)');
    expect(error.message).toContain('Fix: ');
  });

  it('fails on a TLS option that allows TLS 1.0', async () => {
    const files = editFile(
      renderedServiceFiles(),
      'kubernetes/entry-point.yaml',
      'minVersion: VersionTLS12',
      'minVersion: VersionTLS10',
    );

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error.message).toContain('ingress.k8s.controller-tls-options (fail');
  });

  it('still evaluates in a dry run', async () => {
    const files = editFile(
      renderedServiceFiles(),
      'kubernetes/entry-point.yaml',
      'minVersion: VersionTLS12',
      'minVersion: VersionTLS10',
    );

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files, true);

    expect(error.message).toContain('ingress.k8s.controller-tls-options');
  });

  it('makes required advisory checks block', async () => {
    const files = editFile(
      renderedServiceFiles(),
      'kubernetes/networkpolicies.yaml',
      DEFAULT_DENY_POLICY,
      '',
    );

    await expect(run(RENDERED_SERVICE_INPUTS, files)).resolves.toBeDefined();
    const error = await runExpectingError(
      { ...RENDERED_SERVICE_INPUTS, requirePass: ['pod.k8s.default-deny'] },
      files,
    );

    expect(error.message).toContain('pod.k8s.default-deny (warn');
  });

  it('fails on judged unknown checks when failOn is unknown', async () => {
    const files = editFile(
      renderedServiceFiles(),
      'kubernetes/entry-point.yaml',
      'tls.options: orders-orders-api-tls-options@kubernetescrd',
      'tls.options: orders-missing-options@kubernetescrd',
    );

    await expect(run(RENDERED_SERVICE_INPUTS, files)).resolves.toBeDefined();
    const error = await runExpectingError(
      { ...RENDERED_SERVICE_INPUTS, failOn: 'unknown' },
      files,
    );

    expect(error.message).toContain(
      'ingress.k8s.controller-tls-options (unknown',
    );
    expect(error.message).not.toContain('mgmt.aks');
  });

  it('fails when a rendered file cannot be parsed', async () => {
    const files = {
      ...renderedServiceFiles(),
      'kubernetes/broken.yaml': 'kind: [unclosed',
    };

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error.message).toContain('could not be read');
    expect(error.message).toContain('kubernetes/broken.yaml');
  });

  it('fails on a Secret with values and names no value', async () => {
    const files = {
      ...renderedServiceFiles(),
      'kubernetes/tls-secret.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'type: kubernetes.io/tls',
        'metadata:',
        '  name: orders-api-tls',
        '  namespace: orders',
        'data:',
        '  tls.crt: Y2VydGlmaWNhdGU=',
        '  tls.key: cHJpdmF0ZS1rZXk=',
        '',
      ].join('\n'),
    };

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error.message).toContain(
      '- Secret orders/orders-api-tls in kubernetes/tls-secret.yaml sets data;',
    );
    expect(error.message).not.toContain('cHJpdmF0ZS1rZXk=');
  });

  it.each([
    [
      'an object in another namespace',
      'kubernetes/public.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders-public\n  namespace: orders-public\nspec:\n  type: ClusterIP\n',
      "- Service orders-public/orders-public in kubernetes/public.yaml is not in the service's namespace orders",
    ],
    [
      'a hidden manifest',
      'kubernetes/.plain.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders-plain\n',
      '- kubernetes/.plain.yaml is hidden, so it is not read',
    ],
    [
      'a kustomization',
      'kubernetes/kustomization.yaml',
      'resources:\n  - deployment.yaml\n',
      '- kubernetes/kustomization.yaml is a kustomization, which can change the objects after they were judged',
    ],
    [
      'Kubernetes objects outside kubernetes/',
      'deploy/prod/service.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders-public\nspec:\n  type: LoadBalancer\n',
      '- deploy/prod/service.yaml is outside kubernetes/ and infra/, which the gate reads, and it declares Kubernetes objects; move them to kubernetes/',
    ],
    [
      'a kustomization outside kubernetes/',
      'deploy/prod/kustomization.yaml',
      'resources:\n  - ../../kubernetes\n',
      '- deploy/prod/kustomization.yaml is outside kubernetes/ and infra/, which the gate reads, and Kubernetes packaging tools read it',
    ],
    [
      'a Helm chart',
      'chart/Chart.yaml',
      'apiVersion: v2\nname: orders\nversion: 0.1.0\n',
      '- chart/Chart.yaml is outside kubernetes/ and infra/',
    ],
    [
      'a Bicep file in kubernetes/',
      'kubernetes/extra.bicep',
      'param name string\n',
      '- kubernetes/extra.bicep is a Bicep file outside infra/, where the deployment reads them; keep Bicep files in infra/',
    ],
    [
      'a dependency folder',
      'deploy/node_modules/lb.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n',
      '- deploy/node_modules is a dependency folder, which the gate does not read; do not commit dependencies',
    ],
    [
      'a manifest outside kubernetes/ that does not parse',
      'deploy/service.yaml',
      'apiVersion: v1\nkind: Service\nkind: Service\nmetadata:\n  name: lb\n',
      '- deploy/service.yaml is outside kubernetes/ and infra/, which the gate reads, and it cannot be parsed as YAML or JSON',
    ],
    [
      'a Bicep file outside infra/',
      'deploy/gateway.bicep',
      'param name string\n',
      '- deploy/gateway.bicep is outside kubernetes/ and infra/, which the gate reads; keep Bicep files in infra/',
    ],
  ])('fails on %s', async (_, file, content, line) => {
    const files = { ...renderedServiceFiles(), [file]: content };

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error.message).toContain('must be fixed before publishing');
    expect(error.message).toContain(line);
  });
  it('accepts Backstage entity files outside the resource folders', async () => {
    const files = {
      ...renderedServiceFiles(),
      'docs/api.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\nspec:\n  type: openapi\n',
    };

    await expect(run(RENDERED_SERVICE_INPUTS, files)).resolves.toBeDefined();
  });

  it.each([
    ['another WAF policy', '/waf-aks-bu0001a0008"', '/waf-detection-only"'],
    ['no WAF policy', '"firewallPolicy"', '"otherPolicy"'],
  ])('rejects a listener with %s', async (_, from, to) => {
    const files = editFile(
      renderedServiceFiles(),
      'infra/appgw-service.json',
      from,
      to,
    );

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'but listener orders-api-https-listener of infra/appgw-service.json attaches',
    );
  });

  it.each([
    [
      'another vault',
      'kubernetes/secretproviderclass.yaml',
      'keyvaultName: kv-aks-bu0001a0008',
      'keyvaultName: kv-other',
      "Input 'keyVaultName' is 'kv-aks-bu0001a0008' but SecretProviderClass orders-api-kv-tls in kubernetes/secretproviderclass.yaml sets keyvaultName to 'kv-other'",
    ],
    [
      'another tenant',
      'kubernetes/secretproviderclass.yaml',
      "tenantID: '72f988bf",
      "tenantID: '00000000",
      "Input 'tenantId' is '72f988bf-86f1-41af-91ab-2d7cd011db47' but SecretProviderClass orders-api-kv-tls",
    ],
    [
      'no client id',
      'kubernetes/secretproviderclass.yaml',
      "clientID: '3f0b7c1e-52a4-4d8e-9b6c-0a1e2f3d4c5b'",
      "clientId: '3f0b7c1e-52a4-4d8e-9b6c-0a1e2f3d4c5b'",
      "sets clientID to '(none)'",
    ],
    [
      'the kubelet identity',
      'kubernetes/secretproviderclass.yaml',
      "useVMManagedIdentity: 'false'",
      "useVMManagedIdentity: 'true'",
      "sets useVMManagedIdentity to 'true'; the service reads Key Vault only with its workload identity",
    ],
    [
      'another Key Vault object',
      'kubernetes/secretproviderclass.yaml',
      'objectName: traefik-ingress-internal-aks-ingress-tls',
      'objectName: payments-private-key',
      "reads Key Vault object 'payments-private-key', which is neither input 'internalCertificateName' nor input 'trustedRootCertificateName'",
    ],
    [
      'a listener certificate of another vault',
      'infra/appgw-service.json',
      'https://kv-aks-bu0001a0008.vault.azure.net/secrets/orders-contoso-com',
      'https://kv-other.vault.azure.net/secrets/orders-contoso-com',
      "Input 'keyVaultName' is 'kv-aks-bu0001a0008' but sslCertificates orders-api-public-cert of infra/appgw-service.json reads vault 'kv-other'",
    ],
    [
      'a listener certificate given as an expression',
      'infra/appgw-service.json',
      '"https://kv-aks-bu0001a0008.vault.azure.net/secrets/orders-contoso-com"',
      `"[reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv-other', 'stolen'), '2023-07-01').secretUri]"`,
      'sslCertificates orders-api-public-cert of infra/appgw-service.json sets keyVaultSecretId to an expression or an invalid URI; expected a Key Vault URI such as https://kv-aks-bu0001a0008.vault.azure.net/secrets/orders-contoso-com',
    ],
    [
      'another listener certificate',
      'infra/appgw-service.json',
      '/secrets/orders-contoso-com',
      '/secrets/wildcard-contoso-com',
      "Input 'publicCertificateName' is 'orders-contoso-com' but sslCertificates orders-api-public-cert of infra/appgw-service.json reads 'wildcard-contoso-com'",
    ],
  ])('rejects %s', async (_, file, from, to, line) => {
    const files = editFile(renderedServiceFiles(), file, from, to);

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(line);
  });

  it('fails without catalog-info.yaml', async () => {
    const { ['catalog-info.yaml']: _, ...files } = renderedServiceFiles();

    const error = await runExpectingError(RENDERED_SERVICE_INPUTS, files);

    expect(error.name).toBe('NotFoundError');
    expect(error.message).toContain('catalog-info.yaml');
  });

  it('rejects a workspace rendered for another cluster', async () => {
    const error = await runExpectingError({
      ...RENDERED_SERVICE_INPUTS,
      clusterId: RENDERED_SERVICE_INPUTS.clusterId.replace('-00', '-01'),
    });

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain("Input 'clusterId'");
  });

  it('rejects local publishing when it is disabled', async () => {
    const error = await runExpectingError({
      ...RENDERED_SERVICE_INPUTS,
      publishTarget: 'local',
    });

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'aksTrafficSecurity.scaffolder.localPublishDirectory',
    );
  });

  it('accepts local publishing when it is configured', async () => {
    const configured = createAction({
      config: new ConfigReader({
        aksTrafficSecurity: {
          scaffolder: { localPublishDirectory: workspace.resolve('published') },
        },
      }),
    });
    workspace.setContent(renderedServiceFiles());
    const ctx = createMockActionContext({
      input: { ...RENDERED_SERVICE_INPUTS, publishTarget: 'local' } as any,
      workspacePath: workspace.path,
    });

    await configured.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('passed', true);
  });

  it('rejects a service that the catalog already has', async () => {
    const taken = createAction({
      entities: [entityNamedLikeService('Component')],
    });
    workspace.setContent(renderedServiceFiles());
    const ctx = createMockActionContext({
      input: RENDERED_SERVICE_INPUTS as any,
      workspacePath: workspace.path,
    });

    const error = await taken.handler(ctx).then(
      () => undefined,
      (e: Error) => e,
    );

    expect(error).toBeInstanceOf(ConflictError);
    expect(error?.message).toContain(
      "Entity 'component:default/orders-api' already exists in the catalog",
    );
    expect(error?.message).toContain(
      'file:/srv/backstage/examples/entities.yaml',
    );
    expect(error?.message).toContain('choose another service name');
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('rejects a taken service name in a dry run', async () => {
    const taken = createAction({
      entities: [entityNamedLikeService('Component')],
    });
    workspace.setContent(renderedServiceFiles());
    const ctx = createMockActionContext({
      input: RENDERED_SERVICE_INPUTS as any,
      workspacePath: workspace.path,
    });

    await expect(taken.handler({ ...ctx, isDryRun: true })).rejects.toThrow(
      ConflictError,
    );
  });

  it('accepts a name that another kind uses', async () => {
    const shared = createAction({
      entities: [entityNamedLikeService('System')],
    });
    workspace.setContent(renderedServiceFiles());
    const ctx = createMockActionContext({
      input: RENDERED_SERVICE_INPUTS as any,
      workspacePath: workspace.path,
    });

    await shared.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('passed', true);
  });

  it('rejects an existing local repository folder', async () => {
    const publishDirectory = workspace.resolve('published');
    const configured = createAction({
      config: new ConfigReader({
        aksTrafficSecurity: {
          scaffolder: { localPublishDirectory: publishDirectory },
        },
      }),
    });
    workspace.setContent({
      ...renderedServiceFiles(),
      'published/orders-api/README.md': 'existing\n',
    });
    const ctx = createMockActionContext({
      input: { ...RENDERED_SERVICE_INPUTS, publishTarget: 'local' } as any,
      workspacePath: workspace.path,
    });

    const error = await configured.handler(ctx).then(
      () => undefined,
      (e: Error) => e,
    );

    expect(error).toBeInstanceOf(ConflictError);
    expect(error?.message).toContain(
      `Local repository folder ${publishDirectory}/orders-api already exists`,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each([
    'kube-system',
    'kube-public',
    'kube-node-lease',
    'kube-anything',
    'default',
    'aks-istio-system',
    'aks-istio-ingress',
    'app-routing-system',
    'gatekeeper-system',
    'calico-system',
    'tigera-operator',
  ])('rejects the reserved namespace %s', async namespace => {
    const error = await runExpectingError({
      ...RENDERED_SERVICE_INPUTS,
      namespace,
    });

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      `Invalid input 'namespace' value '${namespace}'`,
    );
    expect(error.message).toContain('default-deny NetworkPolicy');
    expect(error.message).toContain('expected a namespace of its own');
  });

  it('rejects the ingress controller namespace', async () => {
    const error = await runExpectingError({
      ...RENDERED_SERVICE_INPUTS,
      namespace: 'traefik',
      controllerNamespace: 'traefik',
    });

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      "Invalid input 'namespace' value 'traefik': it is the namespace of the ingress controller",
    );
    expect(error.message).toContain('expected a namespace of its own');
  });

  it("accepts a namespace other than the controller's", async () => {
    const { context } = await run({
      ...RENDERED_SERVICE_INPUTS,
      controllerNamespace: 'traefik',
    });

    expect(context.output).toHaveBeenCalledWith('passed', true);
  });

  const CLUSTER = RENDERED_SERVICE_INPUTS.clusterId;
  const GATEWAY = RENDERED_SERVICE_INPUTS.applicationGatewayId;
  const WAF = RENDERED_SERVICE_INPUTS.wafPolicyId;

  const badInputs: Array<[string, unknown]> = [
    ['name', ''],
    ['name', 'Orders'],
    ['name', '1orders'],
    ['name', 'orders-'],
    ['name', 'orders_api'],
    ['name', 'a'.repeat(47)],
    ['name', 'orders\napi'],
    ['name', 'orders"api'],
    ['name', '${orders}'],
    ['name', 42],
    ['owner', 'group:default/team a'],
    ['owner', "group:default/team'x"],
    ['owner', 'group::default'],
    ['owner', ''],
    ['system', 'system:default/shop\n'],
    ['system', 'system:/shop'],
    ['description', 'first line\nsecond line'],
    ['description', 'say "hello"'],
    ['description', "it's mine"],
    ['description', '${{ secrets.token }}'],
    ['description', 'x'.repeat(201)],
    ['description', 'runs `rm -rf`'],
    ['description', 'back\\slash'],
    ['description', 'braces {x}'],
    ['description', '<script>'],
    ['hostName', 'Orders.Contoso.com'],
    ['hostName', '*.contoso.com'],
    ['hostName', 'https://orders.contoso.com'],
    ['hostName', 'orders.contoso.com.'],
    ['hostName', 'orders'],
    ['hostName', 'orders.contoso.com:443'],
    ['hostName', 'orders..contoso.com'],
    ['hostName', `${'a'.repeat(64)}.com`],
    [
      'clusterId',
      CLUSTER.replace('6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90', 'not-a-guid'),
    ],
    ['clusterId', GATEWAY],
    ['clusterId', `${CLUSTER}/agentPools/system`],
    ['clusterId', CLUSTER.slice(1)],
    ['clusterId', CLUSTER.replace('aks-bu0001a0008-00', 'aks.cluster')],
    ['clusterId', `${CLUSTER}\n`],
    ['clusterId', `${CLUSTER}'`],
    ['namespace', 'Orders'],
    ['namespace', 'orders_ns'],
    ['namespace', '-orders'],
    ['namespace', 'a'.repeat(64)],
    ['controllerNamespace', 'Traefik'],
    ['applicationGatewayId', CLUSTER],
    ['applicationGatewayId', GATEWAY.replace('apw-aks-bu0001a0008', 'apw aks')],
    ['applicationGatewayId', `${GATEWAY}"`],
    ['wafPolicyId', GATEWAY],
    ['wafPolicyId', `${WAF.slice(0, WAF.lastIndexOf('/'))}/`],
    ['internalDomainSuffix', '*.aks-ingress.contoso.com'],
    ['internalDomainSuffix', '.aks-ingress.contoso.com'],
    ['internalDomainSuffix', 'aks-ingress'],
    [
      'internalDomainSuffix',
      `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(
        20,
      )}.com`,
    ],
    ['internalDomainSuffix', 'aks-ingress.${domain}'],
    ['keyVaultName', 'kv'],
    ['keyVaultName', 'kv--shop'],
    ['keyVaultName', '1kv-shop'],
    ['keyVaultName', 'kv-shop-'],
    ['keyVaultName', 'a'.repeat(25)],
    ['keyVaultName', 'kv_shop'],
    ['tenantId', 'not-a-guid'],
    ['tenantId', '72f988bf86f141af91ab2d7cd011db47'],
    ['workloadIdentityClientId', '{3f0b7c1e-52a4-4d8e-9b6c-0a1e2f3d4c5b}'],
    ['workloadIdentityClientId', ''],
    ['publicCertificateName', 'cert.name'],
    ['publicCertificateName', 'cert name'],
    ['publicCertificateName', 'a'.repeat(128)],
    ['publicCertificateName', 'cert/../secret'],
    ['internalCertificateName', 'internal cert'],
    ['trustedRootCertificateName', 'root$'],
    ['entryPoint', 'ingress-nginx'],
    ['entryPoint', 'webapprouting'],
    ['gatewayImplementation', 'istio'],
    ['tlsToPod', 'true'],
    ['publishTarget', 'gitlab'],
    ['failOn', 'warn'],
    ['requirePass', ['no.such.check']],
    ['requirePass', 'pod.k8s.default-deny'],
  ];

  it('covers at least 50 invalid inputs', () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(50);
  });

  it.each(badInputs)('rejects %s = %j', async (field, value) => {
    const error = await runExpectingError({
      ...RENDERED_SERVICE_INPUTS,
      [field]: value,
    });

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`Invalid input '${field}'`);
    expect(error.message).toMatch(/expected /);
  });
});
