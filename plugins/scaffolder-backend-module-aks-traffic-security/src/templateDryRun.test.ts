import path from 'path';
import { parseAllDocuments } from 'yaml';
import { JsonObject } from '@backstage/types';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ANNOTATIONS } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  DryRunResult,
  editTemplateFile,
  readTemplateFiles,
  startScaffolder,
  validParameters,
} from './__testUtils__/templateDryRun';
import { validateKubernetesSchemas } from './__testUtils__/validateKubernetesSchemas';
import { SERVICE_NAME_MAX_LENGTH } from './gate/validateTemplateInputs';

jest.setTimeout(120_000);

const GATE_STEP = 'Check traffic security before publishing';

/** Every document of a rendered YAML file, failing on a parse error. */
function yamlDocuments(result: DryRunResult, file: string): any[] {
  const text = result.files.get(file);
  if (text === undefined) {
    throw new Error(`${file} was not rendered`);
  }
  return parseAllDocuments(text).map(document => {
    if (document.errors.length > 0) {
      throw new Error(
        `${file} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    return document.toJS();
  });
}

function kubernetesObjects(result: DryRunResult): any[] {
  return [...result.files.keys()]
    .filter(file => file.startsWith('kubernetes/'))
    .flatMap(file => yamlDocuments(result, file));
}

function findObject(result: DryRunResult, kind: string, name: string): any {
  const found = kubernetesObjects(result).find(
    object => object.kind === kind && object.metadata.name === name,
  );
  if (!found) {
    throw new Error(`No ${kind} named ${name} was rendered`);
  }
  return found;
}

function gatewayBody(result: DryRunResult): any {
  return JSON.parse(result.files.get('infra/appgw-service.json')!);
}

function expectGatePassed(result: DryRunResult) {
  expect(result.status).toBe(200);
  expect(result.log).toContain(`Finished step ${GATE_STEP}`);
  expect(result.log.join('\n')).not.toContain('Traffic security gate failed');
}

/** A failed step ends the dry run with its error as the response. */
function expectGateFailed(result: DryRunResult, checkId: string) {
  expect(result.status).toBe(500);
  expect(result.body.error.message).toMatch(
    /^Traffic security gate failed: \d+ check\(s\) must be fixed before publishing:/,
  );
  expect(result.body.error.message).toContain(`- ${checkId} (`);
  expect(result.body.error.message).toContain('Fix: ');
}

describe('aks-service template dry run', () => {
  const localDirectory = createMockDirectory();
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    scaffolder = await startScaffolder({
      aksTrafficSecurity: {
        scaffolder: {
          localPublishDirectory: localDirectory.resolve('repositories'),
        },
      },
      catalog: {
        locations: [
          {
            type: 'file',
            target: path.join(
              localDirectory.resolve('repositories'),
              '*',
              'catalog-info.yaml',
            ),
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await scaffolder.stop();
  });

  const parameterSets: Array<[string, JsonObject]> = [
    ['Traefik Ingress, HTTP to the pods, GitHub', {}],
    [
      'Traefik Ingress, TLS to the pods, Azure DevOps',
      {
        tlsToPod: true,
        publishTarget: 'azure',
        repoUrl:
          'dev.azure.com?organization=contoso&project=shop&repo=orders-api',
      },
    ],
    [
      'Gateway API on Traefik, HTTP to the pods, local directory',
      {
        entryPoint: 'gateway-api',
        gatewayImplementation: 'traefik',
        publishTarget: 'local',
        repoUrl: undefined as any,
      },
    ],
    [
      'Gateway API on application routing, TLS to the pods, GitHub',
      {
        entryPoint: 'gateway-api',
        gatewayImplementation: 'app-routing',
        tlsToPod: true,
      },
    ],
    [
      'Gateway API on application routing, longest name, Azure DevOps',
      {
        name: `o${'r'.repeat(SERVICE_NAME_MAX_LENGTH - 2)}s`,
        entryPoint: 'gateway-api',
        gatewayImplementation: 'app-routing',
        publishTarget: 'azure',
        repoUrl: 'dev.azure.com?organization=contoso&project=shop&repo=orders',
      },
    ],
    [
      'Traefik Ingress, TLS to the pods, local directory',
      { tlsToPod: true, publishTarget: 'local', repoUrl: undefined as any },
    ],
  ];

  describe.each(parameterSets)('%s', (_title, overrides) => {
    const values = JSON.parse(JSON.stringify(validParameters(overrides)));
    const name = values.name as string;
    const internalHost = `${name}.${values.internalDomainSuffix}`;
    let result: DryRunResult;

    beforeAll(async () => {
      result = await scaffolder.dryRun(values);
    });

    it('passes the traffic security gate', () => {
      expectGatePassed(result);
      expect(result.body.output.text[0].content).toMatch(
        /^Checks passed: [1-9]\d*\./,
      );
    });

    it('links to the new entity and its security tab', () => {
      expect(result.body.output.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ entityRef: `component:default/${name}` }),
          expect.objectContaining({
            url: `/catalog/default/component/${name}/traffic-security`,
          }),
        ]),
      );
    });

    it('renders YAML and JSON that parse', () => {
      for (const file of result.files.keys()) {
        if (/\.ya?ml$/.test(file)) {
          expect(yamlDocuments(result, file).length).toBeGreaterThan(0);
        }
        if (file.endsWith('.json')) {
          expect(() => JSON.parse(result.files.get(file)!)).not.toThrow();
        }
      }
      const leftovers = [...result.files.entries()].filter(
        ([file, text]) =>
          file !== '.github/workflows/compliance.yaml' &&
          file !== 'azure-pipelines.yml' &&
          /\$\{\{|\{%|\{\{/.test(text),
      );
      expect(leftovers.map(([file]) => file)).toEqual([]);
    });

    it('annotates the entity for the security tab', () => {
      const [entity] = yamlDocuments(result, 'catalog-info.yaml');

      expect(entity.metadata.name).toBe(name);
      expect(entity.spec.owner).toBe(values.owner);
      expect(entity.spec.system).toBe(values.system);
      expect(entity.metadata.annotations).toEqual(
        expect.objectContaining({
          [ANNOTATIONS.clusterId]: values.clusterId,
          [ANNOTATIONS.gatewayId]: values.applicationGatewayId,
          [ANNOTATIONS.hostNames]: values.hostName,
          [ANNOTATIONS.internalDomainSuffix]: values.internalDomainSuffix,
          [ANNOTATIONS.tlsToPod]: String(values.tlsToPod),
          [ANNOTATIONS.kubernetesNamespace]: values.namespace,
          [ANNOTATIONS.kubernetesId]: name,
        }),
      );
    });

    it('renders only the pipeline of the publish target', () => {
      const github = result.files.get('.github/workflows/compliance.yaml');
      const azure = result.files.get('azure-pipelines.yml');

      if (values.publishTarget === 'github') {
        expect(azure).toBeUndefined();
        expect(github).toContain(
          '> "${{ runner.temp }}/traffic-security.sarif"',
        );
        expect(github).toContain('if: ${{ always() }}');
        expect(github).toContain('category: ${{ github.workflow }}');
        expect(github).toContain(
          'aks-traffic-security check --format sarif kubernetes infra',
        );
      } else if (values.publishTarget === 'azure') {
        expect(github).toBeUndefined();
        expect(azure).toContain('versionSpec: ${{ parameters.nodeVersion }}');
        expect(azure).toContain('$(Build.ArtifactStagingDirectory)');
        expect(azure).toContain(
          'aks-traffic-security check --format sarif kubernetes infra',
        );
      } else {
        expect(github).toBeUndefined();
        expect(azure).toBeUndefined();
      }
    });

    it('hardens the Deployment', () => {
      const deployment = findObject(result, 'Deployment', name);
      const pod = deployment.spec.template;
      const [container] = pod.spec.containers;

      expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe(name);
      expect(pod.spec.hostNetwork).toBe(false);
      expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
      expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(pod.spec.volumes).toContainEqual({
        name: 'tls',
        csi: {
          driver: 'secrets-store.csi.k8s.io',
          readOnly: true,
          volumeAttributes: { secretProviderClass: `${name}-kv-tls` },
        },
      });
      expect(container.volumeMounts).toContainEqual({
        name: 'tls',
        mountPath: '/mnt/secrets-store',
        readOnly: true,
      });
      expect(container.ports).toEqual([
        {
          name: values.tlsToPod ? 'https' : 'http',
          containerPort: values.tlsToPod ? 8443 : 8080,
          protocol: 'TCP',
        },
      ]);
    });

    it('reads the certificate from Key Vault with the workload identity', () => {
      const spc = findObject(result, 'SecretProviderClass', `${name}-kv-tls`);
      const [object] = parseAllDocuments(spc.spec.parameters.objects)[0]
        .toJS()
        .array.map((item: string) => parseAllDocuments(item)[0].toJS());

      expect(spc.spec.provider).toBe('azure');
      expect(spc.spec.parameters).toEqual(
        expect.objectContaining({
          clientID: values.workloadIdentityClientId,
          usePodIdentity: 'false',
          useVMManagedIdentity: 'false',
          keyvaultName: values.keyVaultName,
          tenantID: values.tenantId,
        }),
      );
      expect(object).toEqual({
        objectName: values.internalCertificateName,
        objectType: 'secret',
        objectAlias: 'tls.pem',
      });
      expect(spc.spec.secretObjects[0]).toEqual({
        secretName: `${name}-tls`,
        type: 'kubernetes.io/tls',
        data: [
          { objectName: 'tls.pem', key: 'tls.key' },
          { objectName: 'tls.pem', key: 'tls.crt' },
        ],
      });
      // TODO: no offline schema exists for the Secrets Store CSI driver's
      // SecretProviderClass, so only these structural checks cover it.
    });

    it('terminates the internal hop on the requested entry point', () => {
      if (values.entryPoint === 'traefik-ingress') {
        const ingress = findObject(result, 'Ingress', name);
        const tlsHosts = ingress.spec.tls.flatMap((tls: any) => tls.hosts);
        const ruleHosts = ingress.spec.rules.map((rule: any) => rule.host);
        const tlsOption = findObject(
          result,
          'TLSOption',
          `${name}-tls-options`,
        );

        expect(ruleHosts).toEqual([internalHost]);
        expect(ruleHosts.every((host: string) => tlsHosts.includes(host))).toBe(
          true,
        );
        expect(ingress.metadata.annotations).toEqual({
          'kubernetes.io/ingress.allow-http': 'false',
          'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
          'traefik.ingress.kubernetes.io/router.tls': 'true',
          'traefik.ingress.kubernetes.io/router.tls.options': `${values.namespace}-${name}-tls-options@kubernetescrd`,
        });
        expect(tlsOption.spec).toEqual({
          minVersion: 'VersionTLS12',
          cipherSuites: [
            'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
            'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
            'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
            'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
          ],
          sniStrict: true,
        });
      } else {
        const gateway = findObject(result, 'Gateway', name);
        const route = findObject(result, 'HTTPRoute', name);
        const appRouting = values.gatewayImplementation === 'app-routing';

        expect(gateway.spec.gatewayClassName).toBe(
          appRouting ? 'approuting-istio' : 'traefik',
        );
        expect(gateway.spec.listeners).toEqual([
          {
            name: 'https',
            protocol: 'HTTPS',
            port: appRouting ? 443 : 8443,
            hostname: internalHost,
            tls: {
              mode: 'Terminate',
              certificateRefs: [
                { group: '', kind: 'Secret', name: `${name}-tls` },
              ],
            },
            allowedRoutes: { namespaces: { from: 'Same' } },
          },
        ]);
        expect(route.spec.hostnames).toEqual([internalHost]);
        expect(route.spec.parentRefs).toEqual([{ name, sectionName: 'https' }]);
      }
    });

    it('verifies TLS to the pods only when requested', () => {
      const service = findObject(result, 'Service', name);
      const kinds = kubernetesObjects(result).map(object => object.kind);

      expect(service.spec.type).toBe('ClusterIP');
      if (values.tlsToPod) {
        expect(service.spec.ports[0]).toEqual(
          expect.objectContaining({ port: 443, appProtocol: 'https' }),
        );
        expect(kinds).toContain(
          values.entryPoint === 'traefik-ingress'
            ? 'ServersTransport'
            : 'BackendTLSPolicy',
        );
      } else {
        expect(service.spec.ports[0]).toEqual(
          expect.objectContaining({ port: 80, appProtocol: 'http' }),
        );
        expect(kinds).not.toContain('ServersTransport');
        expect(kinds).not.toContain('BackendTLSPolicy');
      }
    });

    it('denies by default and allows only the entry point and DNS', () => {
      const deny = findObject(result, 'NetworkPolicy', `${name}-default-deny`);
      const dns = findObject(result, 'NetworkPolicy', `${name}-allow-dns`);
      const allow = findObject(
        result,
        'NetworkPolicy',
        `${name}-allow-ingress`,
      );

      expect(deny.spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
      expect(dns.spec.egress).toEqual([
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ]);
      expect(allow.spec.ingress[0].ports).toEqual([
        { protocol: 'TCP', port: values.tlsToPod ? 8443 : 8080 },
      ]);
    });

    it('declares the service part of the Application Gateway', () => {
      const body = gatewayBody(result);
      const [listener] = body.properties.httpListeners;
      const [certificate] = body.properties.sslCertificates;
      const [settings] = body.properties.backendHttpSettingsCollection;

      expect(body.id).toBe(values.applicationGatewayId);
      expect(body.type).toBe('Microsoft.Network/applicationGateways');
      expect(listener.properties).toEqual(
        expect.objectContaining({
          protocol: 'Https',
          hostName: values.hostName,
          requireServerNameIndication: true,
          firewallPolicy: { id: values.wafPolicyId },
        }),
      );
      expect(certificate.properties.keyVaultSecretId).toBe(
        `https://${values.keyVaultName}.vault.azure.net/secrets/${values.publicCertificateName}`,
      );
      expect(settings.properties).toEqual(
        expect.objectContaining({
          protocol: 'Https',
          port: 443,
          hostName: internalHost,
        }),
      );
      expect(body.properties.probes[0].properties.protocol).toBe('Https');
      expect(result.files.get('infra/main.bicep')).toContain(
        "loadJsonContent('appgw-service.json')",
      );
    });

    it('keeps every generated name within 63 characters', () => {
      const body = gatewayBody(result);
      const names = [
        ...kubernetesObjects(result).map(object => object.metadata.name),
        ...Object.values(body.properties).flatMap((items: any) =>
          items.map((item: any) => item.name),
        ),
        `${name}-approuting-istio`,
      ];

      expect(names.filter(generated => generated.length > 63)).toEqual([]);
    });

    it('renders manifests that match the Kubernetes schemas', () => {
      const results = validateKubernetesSchemas(kubernetesObjects(result));

      expect(results.filter(item => item.error)).toEqual([]);
      expect(
        results.filter(item => !item.validated).map(item => item.type),
      ).toEqual(['secrets-store.csi.x-k8s.io/v1/SecretProviderClass']);
    });
  });

  it.each([
    ['name', 'Orders_API'],
    ['name', 'a'.repeat(SERVICE_NAME_MAX_LENGTH + 1)],
    ['description', 'first line\nsecond: line'],
    ['hostName', 'orders.contoso.com\nx: y'],
    ['clusterId', '/subscriptions/x/resourceGroups/rg'],
    ['keyVaultName', 'kv--shop'],
    ['entryPoint', 'ingress-nginx'],
  ])('rejects the form value %s = %j', async (field, value) => {
    const result = await scaffolder.dryRun(validParameters({ [field]: value }));

    expect(result.status).toBe(400);
    expect(result.body.errors.map((error: any) => error.property)).toContain(
      `instance.${field}`,
    );
  });

  describe('with a broken skeleton', () => {
    it('fails on a TLS option that allows TLS 1.0', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/kubernetes/entry-point.yaml',
        content =>
          content.replace(
            'minVersion: VersionTLS12',
            'minVersion: VersionTLS10',
          ),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expectGateFailed(result, 'ingress.k8s.controller-tls-options');
    });

    it('fails on a listener without requireServerNameIndication', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/infra/appgw-service.json',
        content =>
          content.replace('"requireServerNameIndication": true,\n', ''),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expectGateFailed(result, 'ingress.appgw.strict-sni');
    });

    it('fails without the default-deny policy', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/kubernetes/networkpolicies.yaml',
        content => content.replace(/# Nothing reaches[\s\S]*?\n---\n/, ''),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expectGateFailed(result, 'pod.k8s.default-deny');
    });

    it('fails on an Ingress that allows plain HTTP', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/kubernetes/entry-point.yaml',
        content =>
          content.replace(
            'kubernetes.io/ingress.allow-http: "false"',
            'kubernetes.io/ingress.allow-http: "true"',
          ),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expectGateFailed(result, 'ingress.k8s.ingress-https-only');
    });
  });
});
