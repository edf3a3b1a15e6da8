import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { JsonObject } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';
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

/** The check command-line tool that the rendered pipelines run through npx. */
const CHECK_COMMAND = path.resolve(
  __dirname,
  '../../aks-traffic-security-node/bin/aks-traffic-security',
);

/** The npm package of the check tool, and the version the template pins. */
const CHECK_TOOL = '@aks-traffic-security/plugin-aks-traffic-security-node';
const CHECK_TOOL_VERSION = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../aks-traffic-security-node/package.json'),
    'utf8',
  ),
).version;
const CHECK_TOOL_SPECS = new RegExp(`${CHECK_TOOL}@\\S*`, 'g');

/** The checks that the template's gate step requires to pass. */
const GATE_REQUIRED_CHECKS: string[] = parseYaml(
  fs.readFileSync(
    path.resolve(__dirname, '../../../templates/aks-service/template.yaml'),
    'utf8',
  ),
).spec.steps.find(
  (step: { action: string }) => step.action === 'aks-traffic-security:verify',
).input.requirePass;

/** The gateway collections that the skeleton's Bicep merges into the live gateway. */
const MERGED_COLLECTIONS = [
  .../var serviceNames = \{([^}]*)\}/
    .exec(
      fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../templates/aks-service/skeleton/infra/appgw-merge.bicep',
        ),
        'utf8',
      ),
    )![1]
    .matchAll(/^\s*(\w+):/gm),
].map(match => match[1]);

const PIPELINE_FILES = {
  github: '.github/workflows/compliance.yaml',
  azure: 'azure-pipelines.yml',
  local: '(none)',
};

/** Lines showing that the check command and the pipeline's own expressions survive templating. */
const PIPELINE_LINES = {
  github: [
    'aks-traffic-security check --format sarif',
    '--repository',
    'kubernetes infra',
    '> "${{ runner.temp }}/traffic-security.sarif"',
    'if: ${{ always() }}',
    'category: ${{ github.workflow }}',
    'FEED_TOKEN: ${{ secrets.AKS_TRAFFIC_SECURITY_FEED_TOKEN }}',
    'registry="$(npm config get @aks-traffic-security:registry)"',
    'echo "${feed}:_password=$(printf \'%s\' "$FEED_TOKEN" | base64 -w0)"',
    'echo "${feed}:_authToken=${FEED_TOKEN}" >> "$HOME/.npmrc"',
  ],
  azure: [
    'aks-traffic-security check --format sarif',
    '--repository',
    'kubernetes infra',
    'versionSpec: ${{ parameters.nodeVersion }}',
    '> "$(Build.ArtifactStagingDirectory)/traffic-security.sarif"',
    '- task: npmAuthenticate@0',
    'workingFile: .npmrc',
  ],
  local: [],
};

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Parses every document of a rendered YAML file and throws on a parse error. */
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

/**
 * Returns the gate's error, with which a failed step ends the dry run, or an
 * empty string when the run did not fail that way.
 */
function gateError(result: DryRunResult): string {
  const message: string = result.body.error?.message ?? '';
  return result.status === 500 &&
    message.startsWith('Traffic security gate failed:')
    ? message
    : '';
}

/** Spells `resourceGroups` of an ARM id the way AKS and some `az` commands print it. */
function lowerCaseResourceGroups(id: unknown): string {
  return (id as string).replace('/resourceGroups/', '/resourcegroups/');
}

/** Returns the arguments of the check command in the rendered `docs/index.md`. */
function documentedCheckArgs(result: DryRunResult): string[] {
  const command = result.files
    .get('docs/index.md')!
    .split('\n')
    .find(line => line.startsWith('npx '))!;
  // Rendered values contain no spaces or quotes, so splitting on spaces and
  // dropping the single quotes a shell would remove is exact.
  const words = command.split(' ').map(word => word.replace(/'/g, ''));
  return words.slice(words.indexOf('aks-traffic-security') + 1);
}

/** Runs the check command-line tool in a directory with the given files. */
function runCheckCommand(files: Record<string, string>, args: string[]) {
  const repository = createMockDirectory();
  repository.setContent(files);
  return spawnSync(process.execPath, [CHECK_COMMAND, ...args], {
    cwd: repository.path,
    encoding: 'utf8',
  });
}

/**
 * Runs the GitHub workflow's check step through bash, as the runner does,
 * with the check tool in place of npx and a folder in place of the runner's
 * temporary one.
 */
function runWorkflowCheck(files: Record<string, string>) {
  const workflow = parseYaml(files[PIPELINE_FILES.github]);
  const step = workflow.jobs.check.steps.find(
    (candidate: { name?: string }) =>
      candidate.name === 'Check traffic security',
  );
  const output = createMockDirectory();
  const script = (step.run as string)
    .replace(
      /^npx --yes --package \S+ aks-traffic-security/,
      `node ${JSON.stringify(CHECK_COMMAND)}`,
    )
    .replace('${{ runner.temp }}', output.path);
  const repository = createMockDirectory();
  repository.setContent(files);
  return spawnSync('bash', ['-c', script], {
    cwd: repository.path,
    encoding: 'utf8',
  });
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

  // Each parameter set runs once, however many describe blocks read it.
  const dryRuns = new Map<string, Promise<DryRunResult>>();
  const dryRunOnce = (title: string, values: JsonObject) => {
    if (!dryRuns.has(title)) {
      dryRuns.set(title, scaffolder.dryRun(values));
    }
    return dryRuns.get(title)!;
  };
  const valuesOf = (overrides: JsonObject) =>
    JSON.parse(JSON.stringify(validParameters(overrides)));

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
    [
      'Traefik Ingress, ARM ids as az prints them, local directory',
      {
        clusterId: lowerCaseResourceGroups(validParameters().clusterId),
        applicationGatewayId: lowerCaseResourceGroups(
          validParameters().applicationGatewayId,
        ),
        wafPolicyId: (validParameters().wafPolicyId as string).toLowerCase(),
        publishTarget: 'local',
        repoUrl: undefined as any,
      },
    ],
  ];

  describe.each(parameterSets)('%s', (title, overrides) => {
    const values = valuesOf(overrides);
    const name = values.name as string;
    const internalHost = `${name}.${values.internalDomainSuffix}`;
    let result: DryRunResult;

    beforeAll(async () => {
      result = await dryRunOnce(title, values);
    });

    it('passes the traffic security gate', () => {
      expect(result.status).toBe(200);
      expect(gateError(result)).toBe('');
      expect(result.log).toContain(`Finished step ${GATE_STEP}`);
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
      const files = [...result.files.keys()];
      const yamlFiles = files.filter(file => /\.ya?ml$/.test(file));
      const jsonFiles = files.filter(file => file.endsWith('.json'));

      expect(
        yamlFiles.filter(file => yamlDocuments(result, file).length === 0),
      ).toEqual([]);
      expect(
        jsonFiles.filter(file => !parsesAsJson(result.files.get(file)!)),
      ).toEqual([]);
      const leftovers = [...result.files.entries()].filter(
        ([file, text]) =>
          !Object.values(PIPELINE_FILES).includes(file) &&
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
      const target = values.publishTarget as keyof typeof PIPELINE_FILES;
      const rendered = Object.values(PIPELINE_FILES).filter(file =>
        result.files.has(file),
      );
      const pipeline = result.files.get(PIPELINE_FILES[target]) ?? '';

      expect(rendered).toEqual(
        target === 'local' ? [] : [PIPELINE_FILES[target]],
      );
      expect(
        PIPELINE_LINES[target].filter(line => !pipeline.includes(line)),
      ).toEqual([]);
    });

    it('runs the check tool pinned and from the platform feed only', () => {
      const target = values.publishTarget as keyof typeof PIPELINE_FILES;
      const sources = [
        'README.md',
        'docs/index.md',
        ...(target === 'local' ? [] : [PIPELINE_FILES[target]]),
      ];

      expect(
        sources.map(file => result.files.get(file)!.match(CHECK_TOOL_SPECS)),
      ).toEqual(sources.map(() => [`${CHECK_TOOL}@${CHECK_TOOL_VERSION}`]));
      expect(result.files.get('.npmrc')).toMatch(
        /^@aks-traffic-security:registry=https:\/\/pkgs\.dev\.azure\.com\/\S+$/m,
      );
    });

    it('signs in to the platform feed before the check', () => {
      const target = values.publishTarget as keyof typeof PIPELINE_FILES;
      const pipeline = result.files.get(PIPELINE_FILES[target]) ?? '';
      const signIn = {
        github: '- name: Sign in to the platform feed',
        azure: '- task: npmAuthenticate@0',
        local: '',
      }[target];
      const check = {
        github: '- name: Check traffic security',
        azure: '- script: >-',
        local: '',
      }[target];

      const positions =
        target === 'local'
          ? []
          : [pipeline.indexOf(signIn), pipeline.indexOf(check)];

      expect(positions.filter(position => position < 0)).toEqual([]);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    });

    it('signs in to each kind of feed as it expects', () => {
      if (values.publishTarget !== 'github') {
        return;
      }
      const workflow = parseAllDocuments(
        result.files.get(PIPELINE_FILES.github)!,
      )[0].toJS();
      const signIn = workflow.jobs.check.steps.find(
        (step: { name?: string }) =>
          step.name === 'Sign in to the platform feed',
      );
      const signInWith = (registry: string) => {
        const directory = createMockDirectory();
        directory.setContent({
          '.npmrc': `@aks-traffic-security:registry=${registry}\n`,
          home: {},
        });
        const run = spawnSync('bash', ['-e', '-c', signIn.run], {
          cwd: directory.path,
          env: {
            PATH: process.env.PATH,
            HOME: directory.resolve('home'),
            FEED_TOKEN: 'feed-token',
          },
          encoding: 'utf8',
        });
        expect(run.status).toBe(0);
        return fs.readFileSync(directory.resolve('home/.npmrc'), 'utf8');
      };

      expect(
        signInWith(
          'https://pkgs.dev.azure.com/contoso/_packaging/platform/npm/registry/',
        ),
      ).toBe(
        [
          '//pkgs.dev.azure.com/contoso/_packaging/platform/npm/registry/:username=aks-traffic-security',
          `//pkgs.dev.azure.com/contoso/_packaging/platform/npm/registry/:_password=${Buffer.from(
            'feed-token',
          ).toString('base64')}`,
          '//pkgs.dev.azure.com/contoso/_packaging/platform/npm/registry/:email=npm@example.invalid',
          '',
        ].join('\n'),
      );
      expect(signInWith('https://npm.pkg.github.com/')).toBe(
        '//npm.pkg.github.com/:_authToken=feed-token\n',
      );
    });

    it('tells the check tool which gateway settings are deployed', () => {
      const target = values.publishTarget as keyof typeof PIPELINE_FILES;
      const sources = [
        'README.md',
        'docs/index.md',
        ...(target === 'local' ? [] : [PIPELINE_FILES[target]]),
      ];
      const deployed = (file: string) =>
        [
          ...result.files
            .get(file)!
            .matchAll(/--deployed-gateway-property (\S+)/g),
        ].flatMap(match => match[1].split(','));

      expect(sources.map(deployed)).toEqual(
        sources.map(() => MERGED_COLLECTIONS),
      );
    });

    it('requires the checks its gate requires', () => {
      const target = values.publishTarget as keyof typeof PIPELINE_FILES;
      const sources = [
        'README.md',
        'docs/index.md',
        ...(target === 'local' ? [] : [PIPELINE_FILES[target]]),
      ];
      const required = (file: string) =>
        [...result.files.get(file)!.matchAll(/--require-pass (\S+)/g)]
          .flatMap(match => match[1].split(','))
          .sort();

      expect(sources.map(required)).toEqual(
        sources.map(() => [...GATE_REQUIRED_CHECKS].sort()),
      );
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

    it('passes the check command of its documentation', () => {
      const args = documentedCheckArgs(result);

      const run = runCheckCommand(Object.fromEntries(result.files), args);

      expect(args.slice(0, 2)).toEqual(['check', '--repository']);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^AKS traffic security: /);
      expect(run.status).toBe(0);
    });

    it('fails the documented check on a broken gateway', () => {
      const files = Object.fromEntries(result.files);
      files['infra/appgw-service.json'] = files[
        'infra/appgw-service.json'
      ].replace(
        '"requireServerNameIndication": true',
        '"requireServerNameIndication": false',
      );

      const run = runCheckCommand(files, documentedCheckArgs(result));

      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(
        /^ {2}fail +ingress +\w+ +ingress\.appgw\.strict-sni /m,
      );
    });

    it('fails the documented check on another Key Vault', () => {
      const files = Object.fromEntries(result.files);
      files['kubernetes/secretproviderclass.yaml'] = files[
        'kubernetes/secretproviderclass.yaml'
      ].replace(
        `keyvaultName: "${values.keyVaultName}"`,
        'keyvaultName: "kv-other"',
      );

      const run = runCheckCommand(files, documentedCheckArgs(result));

      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        `--key-vault-name is '${values.keyVaultName}' but SecretProviderClass`,
      );
    });

    it('renders manifests that match the Kubernetes schemas', () => {
      const results = validateKubernetesSchemas(kubernetesObjects(result));

      expect(results.filter(item => item.error)).toEqual([]);
      expect(
        results.filter(item => !item.validated).map(item => item.type),
      ).toEqual(['secrets-store.csi.x-k8s.io/v1/SecretProviderClass']);
    });
  });

  const traefikSets = parameterSets.filter(
    ([, overrides]) => overrides.entryPoint === undefined,
  );
  const gatewaySets = parameterSets.filter(
    ([, overrides]) => overrides.entryPoint === 'gateway-api',
  );

  describe.each(traefikSets)('%s: Traefik entry point', (title, overrides) => {
    const values = valuesOf(overrides);
    const name = values.name as string;
    const internalHost = `${name}.${values.internalDomainSuffix}`;
    let result: DryRunResult;

    beforeAll(async () => {
      result = await dryRunOnce(title, values);
    });

    it('covers every rule host with TLS on the internal suffix', () => {
      const ingress = findObject(result, 'Ingress', name);
      const tlsHosts = ingress.spec.tls.flatMap((tls: any) => tls.hosts);
      const ruleHosts = ingress.spec.rules.map((rule: any) => rule.host);

      expect(ruleHosts).toEqual([internalHost]);
      expect(
        ruleHosts.filter((host: string) => !tlsHosts.includes(host)),
      ).toEqual([]);
      expect(ingress.spec.tls[0].secretName).toBe(`${name}-tls`);
      expect(ingress.spec.ingressClassName).toBe('traefik');
      expect(ingress.metadata.annotations).toEqual({
        'kubernetes.io/ingress.allow-http': 'false',
        'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
        'traefik.ingress.kubernetes.io/router.tls': 'true',
        'traefik.ingress.kubernetes.io/router.tls.options': `${values.namespace}-${name}-tls-options@kubernetescrd`,
      });
    });

    it('pins TLS 1.2, ECDHE-GCM ciphers and strict SNI', () => {
      const tlsOption = findObject(result, 'TLSOption', `${name}-tls-options`);

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
    });

    it('allows the Traefik pods in their namespace', () => {
      const allow = findObject(
        result,
        'NetworkPolicy',
        `${name}-allow-ingress`,
      );

      expect(allow.spec.ingress[0].from).toEqual([
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'traefik' },
          },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
        },
      ]);
    });
  });

  describe.each(gatewaySets)(
    '%s: Gateway API entry point',
    (title, overrides) => {
      const values = valuesOf(overrides);
      const name = values.name as string;
      const internalHost = `${name}.${values.internalDomainSuffix}`;
      const appRouting = values.gatewayImplementation === 'app-routing';
      let result: DryRunResult;

      beforeAll(async () => {
        result = await dryRunOnce(title, values);
      });

      it('binds an HTTPS listener to the internal host', () => {
        const gateway = findObject(result, 'Gateway', name);

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
        expect(gateway.spec.infrastructure).toEqual(
          appRouting
            ? {
                annotations: {
                  'service.beta.kubernetes.io/azure-load-balancer-internal':
                    'true',
                },
              }
            : undefined,
        );
      });

      it('routes only the internal host', () => {
        const route = findObject(result, 'HTTPRoute', name);

        expect(route.spec.hostnames).toEqual([internalHost]);
        expect(route.spec.parentRefs).toEqual([{ name, sectionName: 'https' }]);
        expect(route.spec.rules[0].backendRefs).toEqual([
          { name, port: values.tlsToPod ? 443 : 80 },
        ]);
      });
    },
  );

  describe.each(parameterSets)('%s: hop to the pods', (title, overrides) => {
    const values = valuesOf(overrides);
    const name = values.name as string;
    const backendKind =
      values.entryPoint === 'gateway-api'
        ? 'BackendTLSPolicy'
        : 'ServersTransport';
    let result: DryRunResult;

    beforeAll(async () => {
      result = await dryRunOnce(title, values);
    });

    it('uses TLS and verifies the pods only when requested', () => {
      const service = findObject(result, 'Service', name);
      const kinds = kubernetesObjects(result).map(object => object.kind);
      const spc = findObject(result, 'SecretProviderClass', `${name}-kv-tls`);

      expect(service.spec.type).toBe('ClusterIP');
      expect(service.spec.ports[0]).toEqual(
        expect.objectContaining(
          values.tlsToPod
            ? { port: 443, appProtocol: 'https' }
            : { port: 80, appProtocol: 'http' },
        ),
      );
      expect(kinds.includes(backendKind)).toBe(values.tlsToPod);
      expect(
        spc.spec.secretObjects.map((secret: any) => secret.secretName),
      ).toEqual(
        values.tlsToPod ? [`${name}-tls`, `${name}-ca`] : [`${name}-tls`],
      );
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

  it('lists the gateway collections its Bicep merges', async () => {
    const files = await readTemplateFiles();
    const template = parseAllDocuments(
      files.find(file => file.path === 'template.yaml')!.content,
    )[0].toJS();
    const gate = template.spec.steps.find(
      (step: any) => step.action === 'aks-traffic-security:verify',
    );

    expect(gate.input.deployedGatewayProperties).toEqual(MERGED_COLLECTIONS);
  });

  describe('with a reserved namespace', () => {
    it('rejects kube-system in the form', async () => {
      const result = await scaffolder.dryRun(
        validParameters({ namespace: 'kube-system' }),
      );

      expect(result.status).toBe(400);
      expect(result.body.errors).toEqual([
        expect.objectContaining({ property: 'instance.namespace' }),
      ]);
    });

    // A task started through the API skips the form, so the gate must
    // reject the namespace on its own.
    it.each(['kube-system', 'traefik', 'aks-istio-system', 'default'])(
      'rejects %s at the gate without the form pattern',
      async namespace => {
        const files = editTemplateFile(
          await readTemplateFiles(),
          'template.yaml',
          content => content.replace(/^ {10}pattern: '\^\(\?!kube-.*\n/m, ''),
        );

        const result = await scaffolder.dryRun(
          validParameters({ namespace }),
          files,
        );

        expect(result.status).toBe(400);
        expect(result.body.error?.name).toBe('InputError');
        expect(result.body.error?.message).toContain(
          `Invalid input 'namespace' value '${namespace}'`,
        );
        expect(result.log).not.toContain(`Finished step ${GATE_STEP}`);
      },
    );
  });

  it('runs the pipeline check with shell characters in the inputs', async () => {
    const gatewayId = (
      validParameters().applicationGatewayId as string
    ).replace('rg-bu0001a0008', 'rg-(prod).eu');
    const values = valuesOf({ applicationGatewayId: gatewayId });

    const result = await scaffolder.dryRun(values);

    expect(gateError(result)).toBe('');
    const run = runWorkflowCheck(Object.fromEntries(result.files));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('keeps values that YAML would retype as strings', async () => {
    const values = valuesOf({ name: 'null', namespace: '123' });

    const result = await scaffolder.dryRun(values);

    expect(gateError(result)).toBe('');
    expect(result.status).toBe(200);
    const deployment = findObject(result, 'Deployment', 'null');
    expect(deployment.metadata.namespace).toBe('123');
    expect(
      yamlDocuments(result, 'catalog-info.yaml')[0].metadata.annotations[
        ANNOTATIONS.kubernetesNamespace
      ],
    ).toBe('123');
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

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain(
        '- ingress.k8s.controller-tls-options (',
      );
      expect(gateError(result)).toContain('Fix: ');
    });

    it('fails on a listener without requireServerNameIndication', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/infra/appgw-service.json',
        content =>
          content.replace('"requireServerNameIndication": true,\n', ''),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain('- ingress.appgw.strict-sni (');
      expect(gateError(result)).toContain('Fix: ');
    });

    it('fails on a listener without its SSL profile', async () => {
      // Without the link the listener takes the gateway's own TLS policy,
      // which only the live gateway shows, so the TLS checks turn unknown.
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/infra/appgw-service.json',
        content =>
          content.replace(/ {10}"sslProfile": \{\n[^\n]*\n {10}\},\n/, ''),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain('- ingress.appgw.min-tls-version (');
      expect(gateError(result)).toContain('- ingress.appgw.cipher-suites (');
    });

    it('fails on a listener with both host fields', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/infra/appgw-service.json',
        content =>
          content.replace('"hostNames": []', '"hostNames": ["*.contoso.com"]'),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain('- ingress.appgw.strict-sni (');
    });

    it('fails without the default-deny policy', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/kubernetes/networkpolicies.yaml',
        content => content.replace(/# Nothing reaches[\s\S]*?\n---\n/, ''),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain('- pod.k8s.default-deny (');
      expect(gateError(result)).toContain('Fix: ');
    });

    it('fails on a gateway setting the deployment ignores', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'skeleton/infra/appgw-service.json',
        content =>
          content.replace(
            '"properties": {\n    "sslCertificates"',
            '"properties": {\n    "sslPolicy": { "policyType": "Predefined", "policyName": "AppGwSslPolicy20220101" },\n    "sslCertificates"',
          ),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expect(result.status).toBe(500);
      expect(gateError(result)).toMatch(
        /- \S*infra\/appgw-service\.json sets properties\.sslPolicy, which the deployment does not send/,
      );
    });

    it('fails on a check tool fetched from the public npm registry', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'template.yaml',
        content =>
          content.replace(
            /checkerRegistry: \S+/,
            'checkerRegistry: https://registry.npmjs.org/',
          ),
      );

      const result = await scaffolder.dryRun(validParameters(), files);

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain(
        "- .npmrc maps @aks-traffic-security to the public npm registry 'https://registry.npmjs.org/'",
      );
    });

    it('fails on a check tool without an exact version', async () => {
      const files = editTemplateFile(
        await readTemplateFiles(),
        'template.yaml',
        content =>
          content.replace(/checkerVersion: \S+/, 'checkerVersion: latest'),
      );

      const result = await scaffolder.dryRun(
        validParameters({
          publishTarget: 'azure',
          repoUrl:
            'dev.azure.com?organization=contoso&project=shop&repo=orders-api',
        }),
        files,
      );

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain(
        `- azure-pipelines.yml runs '${CHECK_TOOL}@latest' through npx; pin an exact version`,
      );
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

      expect(result.status).toBe(500);
      expect(gateError(result)).toContain('- ingress.k8s.ingress-https-only (');
      expect(gateError(result)).toContain('Fix: ');
    });
  });
});

describe('aks-service template dry run with a taken name', () => {
  // The demo catalog's entities, as the backend loads them from examples/.
  const demoEntities: Entity[] = parseAllDocuments(
    fs.readFileSync(
      path.resolve(__dirname, '../../../examples/entities.yaml'),
      'utf8',
    ),
  ).map(document => document.toJS());
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    scaffolder = await startScaffolder({}, { entities: demoEntities });
  });

  afterAll(async () => {
    await scaffolder.stop();
  });

  it('fails at the gate and names the existing entity', async () => {
    expect(demoEntities).toContainEqual(
      expect.objectContaining({
        kind: 'Component',
        metadata: expect.objectContaining({ name: 'store-terminal-api' }),
      }),
    );

    const result = await scaffolder.dryRun(
      validParameters({
        name: 'store-terminal-api',
        repoUrl: 'github.com?owner=contoso&repo=store-terminal-api',
      }),
    );

    expect(result.status).toBe(409);
    expect(result.body.error?.message).toContain(
      "Entity 'component:default/store-terminal-api' already exists in the catalog",
    );
    expect(result.log).not.toContain(`Finished step ${GATE_STEP}`);
    expect(result.log).not.toContain('Finished step Publish to GitHub');
  });
});
