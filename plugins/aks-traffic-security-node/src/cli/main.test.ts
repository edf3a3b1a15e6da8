import fs from 'fs';
import path from 'path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ALL_CHECKS } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { CliEnvironment, main } from './main';

const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');
const FIXTURES_DIR = path.join(REPOSITORY_ROOT, 'fixtures');
const AZ_OUTPUT_DIR = path.join(
  REPOSITORY_ROOT,
  'plugins/aks-traffic-security-common/src/resources/__testData__',
);

/** A rendered copy of the service template's skeleton, as the scaffolder tests it. */
const RENDERED_SERVICE_DIR = path.join(
  REPOSITORY_ROOT,
  'plugins/scaffolder-backend-module-aks-traffic-security/src/__fixtures__/rendered-service',
);

const CLUSTER_ID =
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/rg-bu0001a0008/providers/Microsoft.ContainerService/managedClusters/aks-contoso';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd = REPOSITORY_ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const environment: CliEnvironment = {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    cwd,
  };
  const code = await main(args, environment);
  return { code, stdout, stderr };
}

function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8');
}

function azOutput(name: string): string {
  return fs.readFileSync(path.join(AZ_OUTPUT_DIR, name), 'utf8');
}

/** Returns a service snapshot in the shapes that `az ... -o json` and `kubectl get -o yaml` save. */
function snapshotContent() {
  return {
    'azure/cluster.json': azOutput('az-aks-show.json'),
    'azure/gateway.json': azOutput('az-network-application-gateway-show.json'),
    'azure/keyvault.json': azOutput('az-keyvault-show.json'),
    'azure/route-tables.json': azOutput('az-network-route-table-list.json'),
    'azure/waf-policy.json': fixtureText(
      'arm-specs-network-2023-11-01/WafPolicyGet.json',
    ),
    'k8s/aspnetapp.yaml': fixtureText('aks-baseline/01-aspnetapp.yaml'),
    'k8s/ingress.yaml': fixtureText('aks-baseline/02-aspnetapp-ingress.yaml'),
    'k8s/traefik.yaml': fixtureText('aks-baseline/traefik.yaml'),
    'k8s/network-policy.yaml': fixtureText(
      'aks-baseline/ingress-network-policy.yaml',
    ),
  };
}

interface JsonCheck {
  checkId: string;
  flow: string;
  verdict: string;
  severity: string;
  evidence: unknown[];
  locations: { file: string; line: number }[];
}

describe('aks-traffic-security check', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.clear();
  });

  describe('table format', () => {
    it('lists every check grouped by flow', async () => {
      const result = await run([
        'check',
        'fixtures/aks-baseline',
        'fixtures/arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ]);

      expect(result.stderr).toBe('');
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^AKS traffic security: [A-Z-]+ \(\d+ checks: /);
      expect(lines[1]).toBe('Read 13 resources from 5 files.');
      for (const title of ['Ingress', 'Egress', 'Pod-to-pod', 'Management']) {
        expect(lines.some(line => line.startsWith(`${title}: `))).toBe(true);
      }
      for (const check of ALL_CHECKS) {
        const row = lines.find(line => line.includes(` ${check.id} `));
        expect(row).toBeDefined();
        expect(row).toMatch(
          new RegExp(
            `^  (pass|warn|fail|unknown|not-applicable) +${check.flow} +${
              check.severity
            } +${check.id.replace(/\./g, '\\.')} +\\S`,
          ),
        );
      }
    });

    it('exits 1 when a check fails', async () => {
      const result = await run([
        'check',
        'fixtures/arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ]);

      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^ {2}fail +management +critical +mgmt\.aks\.rbac-enabled +/m,
      );
      expect(result.stdout).toMatch(/^Management: FAIL \(/m);
    });

    it('groups checks under the flow status', async () => {
      const result = await run([
        'check',
        'fixtures/arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      ]);
      const lines = result.stdout.split('\n');

      const headers = lines
        .map((line, index) => ({ line, index }))
        .filter(({ line }) =>
          /^(Ingress|Egress|Pod-to-pod|Management): /.test(line),
        );

      expect(headers.map(({ line }) => line.split(':')[0])).toEqual([
        'Ingress',
        'Egress',
        'Pod-to-pod',
        'Management',
      ]);
      const managementRows = lines
        .slice(headers[3].index + 2)
        .filter(line => line.startsWith('  ') && line.trim() !== '');
      expect(managementRows.length).toBe(
        ALL_CHECKS.filter(check => check.flow === 'management').length,
      );
      for (const row of managementRows) {
        expect(row).toMatch(/^ {2}\S+ +management +/);
      }
    });
  });

  describe('json format', () => {
    it('lists every check with its evidence and the flows', async () => {
      mockDir.setContent(snapshotContent());

      const result = await run(
        ['check', '--format', 'json', '.'],
        mockDir.path,
      );

      const output = JSON.parse(result.stdout);
      expect(output.checks.map((check: JsonCheck) => check.checkId)).toEqual(
        ALL_CHECKS.map(check => check.id),
      );
      for (const check of output.checks as JsonCheck[]) {
        expect(['ingress', 'egress', 'pod-to-pod', 'management']).toContain(
          check.flow,
        );
        expect(['pass', 'warn', 'fail', 'unknown', 'not-applicable']).toContain(
          check.verdict,
        );
        expect(['critical', 'high', 'medium', 'low', 'info']).toContain(
          check.severity,
        );
        expect(Array.isArray(check.evidence)).toBe(true);
      }
      expect(output.flows.map((flow: { flow: string }) => flow.flow)).toEqual([
        'ingress',
        'egress',
        'pod-to-pod',
        'management',
      ]);
      expect(output.input.files).toEqual([
        'azure/cluster.json',
        'azure/gateway.json',
        'azure/keyvault.json',
        'azure/route-tables.json',
        'azure/waf-policy.json',
        'k8s/aspnetapp.yaml',
        'k8s/ingress.yaml',
        'k8s/network-policy.yaml',
        'k8s/traefik.yaml',
      ]);
    });

    it('judges az output as the wire shape', async () => {
      mockDir.setContent(snapshotContent());

      const result = await run(
        ['check', '--format', 'json', '.'],
        mockDir.path,
      );

      const checks = new Map<string, JsonCheck>(
        JSON.parse(result.stdout).checks.map((check: JsonCheck) => [
          check.checkId,
          check,
        ]),
      );
      // The az output spells enableRbac and enableAzureRbac; the checks read
      // enableRBAC and aadProfile.enableAzureRBAC.
      expect(checks.get('mgmt.aks.rbac-enabled')?.verdict).toBe('pass');
      expect(checks.get('ingress.appgw.sku-waf-v2')?.verdict).toBe('pass');
      expect(checks.get('ingress.appgw.sku-waf-v2')?.locations).toEqual([
        { file: 'azure/gateway.json', line: expect.any(Number) },
      ]);
      expect(checks.get('mgmt.aks.rbac-enabled')?.locations).toEqual([
        { file: 'azure/cluster.json', line: expect.any(Number) },
      ]);
    });

    it('applies severity overrides from the policy', async () => {
      mockDir.setContent({
        ...snapshotContent(),
        'policy.yaml':
          'severityOverrides:\n  mgmt.aks.run-command-disabled: critical\n',
      });

      const result = await run(
        [
          'check',
          '--format',
          'json',
          '--policy',
          'policy.yaml',
          'azure',
          'k8s',
        ],
        mockDir.path,
      );

      const check = JSON.parse(result.stdout).checks.find(
        (item: JsonCheck) => item.checkId === 'mgmt.aks.run-command-disabled',
      );
      expect(check.severity).toBe('critical');
    });
  });

  describe('exit status', () => {
    it('exits 0 once the failing checks are disabled by policy', async () => {
      mockDir.setContent(snapshotContent());
      const first = await run(['check', '--format', 'json', '.'], mockDir.path);
      const failing = (JSON.parse(first.stdout).checks as JsonCheck[])
        .filter(check => check.verdict === 'fail')
        .map(check => check.checkId);
      mockDir.addContent({
        'policy.yaml': `disabledChecks:\n${failing
          .map(id => `  - ${id}\n`)
          .join('')}`,
      });

      const second = await run(
        [
          'check',
          '--format',
          'json',
          '--policy',
          'policy.yaml',
          'azure',
          'k8s',
        ],
        mockDir.path,
      );

      expect(failing.length).toBeGreaterThan(0);
      expect(first.code).toBe(1);
      expect(second.code).toBe(0);
      const remaining = (JSON.parse(second.stdout).checks as JsonCheck[]).map(
        check => check.checkId,
      );
      expect(remaining).toHaveLength(ALL_CHECKS.length - failing.length);
      for (const id of failing) {
        expect(remaining).not.toContain(id);
      }
    });

    it('reports skipped files and still judges the rest', async () => {
      mockDir.setContent({
        ...snapshotContent(),
        'azure/truncated.json': '{"id": "/subscriptions/',
        'mkdocs.yml': 'site_name: aspnetapp\nnav:\n  - Home: index.md\n',
      });

      const result = await run(['check', '.'], mockDir.path);

      expect([0, 1]).toContain(result.code);
      expect(result.stderr).toContain(
        'Skipped azure/truncated.json is not valid JSON',
      );
      expect(result.stderr).toContain('Skipped mkdocs.yml has no kind');
      expect(result.stdout).toContain('Files not read as resources:');
    });

    it.each([
      [
        ['check', '--format', 'xml', 'fixtures'],
        "Invalid value 'xml' for --format; expected one of table, json, sarif.",
      ],
      [['check'], 'Missing file or directory; expected at least one path'],
      [['check', '--colour', 'fixtures'], "Unknown option '--colour'"],
      [['check', 'fixtures', '--namespace'], 'Missing value for --namespace'],
      [
        ['check', '--cluster-id', 'aks-contoso', 'fixtures'],
        "Invalid value 'aks-contoso' for --cluster-id; expected the ARM id of a Microsoft.ContainerService/managedClusters resource",
      ],
      [
        [
          'check',
          '--cluster-id',
          `${CLUSTER_ID}/agentPools/system`,
          'fixtures',
        ],
        `Invalid value '${CLUSTER_ID}/agentPools/system' for --cluster-id; expected the ARM id of a Microsoft.ContainerService/managedClusters resource`,
      ],
      [
        [
          'check',
          '--gateway-id',
          'https://management.azure.com/subscriptions/subid/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw',
          'fixtures',
        ],
        "Invalid value 'https://management.azure.com/subscriptions/subid/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw' for --gateway-id; expected the ARM id of a Microsoft.Network/applicationGateways resource",
      ],
      [
        ['check', 'fixtures/missing.json'],
        'Fixtures/missing.json was not found',
      ],
      [
        ['check', '--policy', 'missing-policy.yaml', 'fixtures'],
        "Policy file 'missing-policy.yaml' was not found",
      ],
      [
        ['check', '--require-pass', 'pod.k8s.default-allow', 'fixtures'],
        "Invalid value 'pod.k8s.default-allow' for --require-pass; expected a check id of the catalog",
      ],
      [
        ['check', '--repository', 'fixtures'],
        'Missing --namespace; --repository judges',
      ],
      [
        ['check', '--deployed-gateway-property', 'probes', 'fixtures'],
        '--deployed-gateway-property requires --repository, because',
      ],
      [
        ['deploy', 'fixtures'],
        "Unknown command 'deploy'; expected 'check' or 'checks'.",
      ],
    ])('exits 2 for %j', async (args, message) => {
      const result = await run(args);

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    });

    it('exits 2 for a named file that is not a resource', async () => {
      mockDir.setContent({ 'notes.json': '{"owner": "team-a"}' });

      const result = await run(['check', 'notes.json'], mockDir.path);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^Notes\.json has no kind and no ARM id, name and type; expected/,
      );
    });

    it('exits 2 when a directory holds no resources', async () => {
      mockDir.setContent({
        'docs/index.md': '# Service',
        'package.json': '{"name": "x"}',
      });

      const result = await run(['check', '.'], mockDir.path);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^No ARM resources or Kubernetes objects were found in \.; expected/,
      );
      expect(result.stderr).toContain('package.json has no kind');
    });

    it('judges a resource with differing copies as unknown', async () => {
      const cluster = azOutput('az-aks-show.json');
      const older = cluster.replace(
        '"enableRbac": true',
        '"enableRbac": false',
      );
      expect(older).not.toBe(cluster);
      mockDir.setContent({
        ...snapshotContent(),
        'azure/cluster-old.json': older,
      });

      const result = await run(
        ['check', '--format', 'json', '.'],
        mockDir.path,
      );

      expect(result.stderr).toContain(
        `Skipped ${CLUSTER_ID}: its 2 copies differ (azure/cluster-old.json, azure/cluster.json)`,
      );
      const output = JSON.parse(result.stdout);
      const rbac = output.checks.find(
        (check: JsonCheck & { reason?: string }) =>
          check.checkId === 'mgmt.aks.rbac-enabled',
      );
      expect(rbac.verdict).toBe('unknown');
      expect(rbac.reason).toBe('conflicting-copies');
    });

    it('exits 2 when every resource has differing copies', async () => {
      const cluster = azOutput('az-aks-show.json');
      mockDir.setContent({
        'a.json': cluster,
        'b.json': cluster.replace('"enableRbac": true', '"enableRbac": false'),
      });

      const result = await run(['check', '.'], mockDir.path);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^Every resource found in \. has copies that differ, so none can be judged\./,
      );
    });

    it('exits 2 with every problem of an invalid policy', async () => {
      mockDir.setContent({
        ...snapshotContent(),
        'policy.yaml': [
          'disabledChecks: [ingress.appgw.no-such-check]',
          'severityOverrides:',
          '  mgmt.aks.rbac-enabled: urgent',
          'requireTlsToPod: "yes"',
          'approvedCipherSuites: [ECDHE-RSA-AES128-GCM-SHA256]',
          'colour: blue',
        ].join('\n'),
      });

      const result = await run(
        ['check', '--policy', 'policy.yaml', '.'],
        mockDir.path,
      );

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Invalid policy in policy.yaml:');
      expect(result.stderr).toContain("unknown field 'colour'");
      expect(result.stderr).toContain(
        "disabledChecks[0] 'ingress.appgw.no-such-check' is not a check id",
      );
      expect(result.stderr).toContain(
        'severityOverrides.mgmt.aks.rbac-enabled is "urgent"; expected one of critical, high, medium, low, info',
      );
      expect(result.stderr).toContain(
        'requireTlsToPod is "yes"; expected true or false',
      );
      expect(result.stderr).toContain(
        "approvedCipherSuites[0] is 'ECDHE-RSA-AES128-GCM-SHA256'; expected an IANA cipher suite name",
      );
    });

    it('exits 2 for a policy that is not YAML', async () => {
      mockDir.setContent({
        ...snapshotContent(),
        'policy.yaml': 'disabledChecks: [unclosed',
      });

      const result = await run(
        ['check', '--policy', 'policy.yaml', '.'],
        mockDir.path,
      );

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^Policy file 'policy\.yaml' is not valid YAML: /,
      );
    });
  });

  describe('scope options', () => {
    it('selects the named cluster among several', async () => {
      mockDir.setContent({
        ...snapshotContent(),
        'azure/other-cluster.json': fixtureText(
          'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
        ),
      });

      const unnamed = await run(
        ['check', '--format', 'json', '.'],
        mockDir.path,
      );
      const named = await run(
        ['check', '--format', 'json', '--cluster-id', CLUSTER_ID, '.'],
        mockDir.path,
      );

      const verdictOf = (output: string) =>
        JSON.parse(output).checks.find(
          (check: JsonCheck) => check.checkId === 'mgmt.aks.rbac-enabled',
        ).verdict;
      expect(verdictOf(unnamed.stdout)).toBe('unknown');
      expect(verdictOf(named.stdout)).toBe('pass');
    });

    it('ignores Kubernetes objects of other namespaces', async () => {
      mockDir.setContent(snapshotContent());

      const own = await run(
        ['check', '--format', 'json', '--namespace', 'a0008', '.'],
        mockDir.path,
      );
      const other = await run(
        ['check', '--format', 'json', '--namespace', 'b0009', '.'],
        mockDir.path,
      );

      const verdictOf = (output: string) =>
        JSON.parse(output).checks.find(
          (check: JsonCheck) => check.checkId === 'ingress.k8s.ingress-tls',
        ).verdict;
      expect(verdictOf(own.stdout)).toBe('pass');
      expect(verdictOf(other.stdout)).not.toBe('pass');
    });
  });

  describe('--repository', () => {
    /** Returns the rendered service's files, keyed by path, with one file edited. */
    function renderedService(
      edit: { file: string; from: string; to: string } | undefined = undefined,
    ): Record<string, string> {
      const files: Record<string, string> = {};
      for (const folder of ['kubernetes', 'infra']) {
        for (const name of fs.readdirSync(
          path.join(RENDERED_SERVICE_DIR, folder),
        )) {
          files[`${folder}/${name}`] = fs.readFileSync(
            path.join(RENDERED_SERVICE_DIR, folder, name),
            'utf8',
          );
        }
      }
      if (edit) {
        const edited = files[edit.file].replace(edit.from, edit.to);
        expect(edited).not.toBe(files[edit.file]);
        files[edit.file] = edited;
      }
      return files;
    }

    // The options of the rendered service's compliance pipeline.
    const PIPELINE_OPTIONS = [
      '--namespace',
      'orders',
      '--host-name',
      'orders.contoso.com',
      '--internal-domain-suffix',
      'aks-ingress.contoso.com',
      '--gateway-id',
      '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/applicationGateways/apw-aks-bu0001a0008',
      'kubernetes',
      'infra',
    ];

    async function checkJson(args: string[]) {
      const result = await run(
        ['check', '--format', 'json', ...args, ...PIPELINE_OPTIONS],
        mockDir.path,
      );
      const output = JSON.parse(result.stdout);
      const checks = output.checks as (JsonCheck & { reason?: string })[];
      const idsWith = (verdict: string) =>
        checks
          .filter(check => check.verdict === verdict)
          .map(check => check.checkId);
      return { result, output, checks, idsWith };
    }

    it('exits 0 on the rendered service', async () => {
      mockDir.setContent(renderedService());

      const { result, output, checks, idsWith } = await checkJson([
        '--repository',
      ]);

      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(idsWith('fail')).toEqual([]);
      expect(output.verdict).not.toBe('fail');
      expect(output.counts.fail).toBe(0);
      const sku = checks.find(
        check => check.checkId === 'ingress.appgw.sku-waf-v2',
      );
      expect(sku?.verdict).toBe('unknown');
      expect(sku?.reason).toBe('needs-live-data');
      const cluster = checks.filter(check => check.checkId.includes('.aks.'));
      expect(cluster.length).toBeGreaterThan(0);
      expect(cluster.map(check => check.reason)).toEqual(
        cluster.map(() => 'needs-live-data'),
      );
      expect(idsWith('pass')).toEqual(
        expect.arrayContaining([
          'ingress.k8s.controller-tls-options',
          'ingress.appgw.strict-sni',
          'pod.k8s.default-deny',
        ]),
      );
    });

    it('exits 1 on a Secret with values', async () => {
      mockDir.setContent({
        ...renderedService(),
        'kubernetes/tls-secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-api-tls\n  namespace: orders\nstringData:\n  tls.key: private-key\n',
      });

      const { result } = await checkJson(['--repository']);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'Repository problem: Secret orders/orders-api-tls in kubernetes/tls-secret.yaml sets stringData;',
      );
      expect(result.stderr).not.toContain('private-key');
    });

    it('exits 1 on a file that cannot be read', async () => {
      mockDir.setContent({
        ...renderedService(),
        'kubernetes/broken.yaml': 'kind: [unclosed',
      });

      const { result } = await checkJson(['--repository']);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'Rejected: 1 file(s) could not be read, so their resources were not checked.',
      );
    });

    it('exits 1 on a check the files leave unknown', async () => {
      mockDir.setContent(
        renderedService({
          file: 'kubernetes/entry-point.yaml',
          from: 'router.tls.options: orders-orders-api-tls-options@kubernetescrd',
          to: 'router.tls.options: orders-legacy-tls@kubernetescrd',
        }),
      );

      const { result, checks } = await checkJson(['--repository']);

      expect(result.code).toBe(1);
      expect(
        checks.find(
          check => check.checkId === 'ingress.k8s.controller-tls-options',
        )?.verdict,
      ).toBe('unknown');
      expect(result.stderr).toContain(
        "Rejected: 1 check(s) that the repository's files should decide are unknown.",
      );
    });

    it('exits 1 when a required check does not pass', async () => {
      const files = renderedService();
      const withoutDefaultDeny = files[
        'kubernetes/networkpolicies.yaml'
      ].replace(/^# Nothing reaches[\s\S]*?\n---\n/, '');
      expect(withoutDefaultDeny).not.toBe(
        files['kubernetes/networkpolicies.yaml'],
      );
      mockDir.setContent({
        ...files,
        'kubernetes/networkpolicies.yaml': withoutDefaultDeny,
      });

      const optional = await checkJson(['--repository']);
      const required = await checkJson([
        '--repository',
        '--require-pass',
        'pod.k8s.default-deny',
      ]);

      expect(optional.result.code).toBe(0);
      expect(required.result.code).toBe(1);
      expect(required.result.stderr).toMatch(
        /Rejected: pod\.k8s\.default-deny is \w+, and --require-pass requires pass or not-applicable\./,
      );
    });

    it('exits 1 on the rendered service without it', async () => {
      mockDir.setContent(renderedService());

      const { result, checks, idsWith } = await checkJson([]);

      expect(result.code).toBe(1);
      expect(idsWith('fail')).toEqual(['ingress.appgw.user-assigned-identity']);
      expect(checks.map(check => check.reason)).not.toContain(
        'needs-live-data',
      );
    });

    it('exits 1 on a TLS option that allows TLS 1.0', async () => {
      mockDir.setContent(
        renderedService({
          file: 'kubernetes/entry-point.yaml',
          from: 'minVersion: VersionTLS12',
          to: 'minVersion: VersionTLS10',
        }),
      );

      const { result, idsWith } = await checkJson(['--repository']);

      expect(result.code).toBe(1);
      expect(idsWith('fail')).toEqual(['ingress.k8s.controller-tls-options']);
    });

    it('exits 1 on a listener without strict SNI', async () => {
      mockDir.setContent(
        renderedService({
          file: 'infra/appgw-service.json',
          from: '"requireServerNameIndication": true',
          to: '"requireServerNameIndication": false',
        }),
      );

      const { result, idsWith } = await checkJson(['--repository']);

      expect(result.code).toBe(1);
      expect(idsWith('fail')).toEqual(['ingress.appgw.strict-sni']);
    });

    describe('with --deployed-gateway-property', () => {
      const DEPLOYED = [
        '--deployed-gateway-property',
        'sslCertificates,trustedRootCertificates,sslProfiles,httpListeners',
        '--deployed-gateway-property',
        'backendAddressPools,backendHttpSettingsCollection,probes,requestRoutingRules',
      ];

      it('exits 0 on the collections the deployment sends', async () => {
        mockDir.setContent(renderedService());

        const { result } = await checkJson(['--repository', ...DEPLOYED]);

        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      });

      it('exits 1 on a gateway setting the deployment ignores', async () => {
        mockDir.setContent(
          renderedService({
            file: 'infra/appgw-service.json',
            from: '"properties": {',
            to: '"properties": { "sslPolicy": { "policyType": "Predefined", "policyName": "AppGwSslPolicy20220101" },',
          }),
        );

        const { result } = await checkJson(['--repository', ...DEPLOYED]);

        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          'Repository problem: infra/appgw-service.json sets properties.sslPolicy, which the deployment does not send',
        );
      });
    });

    describe('with the expected values', () => {
      const EXPECTED = [
        '--waf-policy-id',
        '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-aks-bu0001a0008',
        '--key-vault-name',
        'kv-aks-bu0001a0008',
        '--tenant-id',
        '72f988bf-86f1-41af-91ab-2d7cd011db47',
        '--workload-identity-client-id',
        '3f0b7c1e-52a4-4d8e-9b6c-0a1e2f3d4c5b',
        '--public-certificate-name',
        'orders-contoso-com',
        '--internal-certificate-name',
        'traefik-ingress-internal-aks-ingress-tls',
        '--trusted-root-certificate-name',
        'appgw-ingress-internal-aks-ingress-tls',
      ];

      it('exits 0 on the rendered service', async () => {
        mockDir.setContent(renderedService());

        const { result } = await checkJson(['--repository', ...EXPECTED]);

        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      });

      it.each([
        [
          'kubernetes/secretproviderclass.yaml',
          'keyvaultName: kv-aks-bu0001a0008',
          'keyvaultName: kv-other',
          "Repository problem: --key-vault-name is 'kv-aks-bu0001a0008' but SecretProviderClass orders-api-kv-tls in kubernetes/secretproviderclass.yaml sets keyvaultName to 'kv-other'",
        ],
        [
          'infra/appgw-service.json',
          '/waf-aks-bu0001a0008"',
          '/waf-detection-only"',
          "Repository problem: --waf-policy-id is '/subscriptions/",
        ],
      ])('exits 1 when %s differs', async (file, from, to, line) => {
        mockDir.setContent(renderedService({ file, from, to }));

        const { result } = await checkJson(['--repository', ...EXPECTED]);

        expect(result.code).toBe(1);
        expect(result.stderr).toContain(line);
      });

      it('exits 2 on a value that starts with a dash', async () => {
        mockDir.setContent(renderedService());

        const result = await run(
          [
            'check',
            '--repository',
            '--namespace',
            'orders',
            '--internal-certificate-name',
            '-a1',
            'kubernetes',
          ],
          mockDir.path,
        );

        expect(result.code).toBe(2);
        expect(result.stderr).toContain(
          'The value of --internal-certificate-name starts with a dash; write it as --internal-certificate-name=<value>.',
        );
      });

      it('exits 2 without --repository', async () => {
        mockDir.setContent(renderedService());

        const result = await run(
          ['check', '--key-vault-name', 'kv-aks-bu0001a0008', 'kubernetes'],
          mockDir.path,
        );

        expect(result.code).toBe(2);
        expect(result.stderr).toContain(
          '--key-vault-name requires --repository',
        );
      });
    });

    it('judges a gateway-wide setting the files declare', async () => {
      const files = renderedService();
      const gateway = JSON.parse(files['infra/appgw-service.json']);
      gateway.properties.sku = {
        name: 'Standard_v2',
        tier: 'Standard_v2',
        capacity: 2,
      };
      files['infra/appgw-service.json'] = JSON.stringify(gateway, null, 2);
      mockDir.setContent(files);

      const { result, idsWith } = await checkJson(['--repository']);

      expect(result.code).toBe(1);
      expect(idsWith('fail')).toEqual(['ingress.appgw.sku-waf-v2']);
    });
  });

  describe('help', () => {
    it('prints usage for --help', async () => {
      const result = await run(['--help']);

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^Usage: aks-traffic-security check \[options\] <file-or-directory>\.\.\./,
      );
      expect(result.stdout).toContain('--format <format>');
      expect(result.stdout).toContain(
        'Exit status: 0 when no check fails, 1 when a check fails (or, with\n--repository, the repository is rejected), 2 for a usage or input error.',
      );
    });

    it('prints usage to standard error without a command', async () => {
      const result = await run([]);

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Usage: aks-traffic-security check/);
    });

    it('prints usage for check --help', async () => {
      const result = await run(['check', '--help']);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Options of check:');
    });

    it('lists the catalog', async () => {
      const result = await run(['checks']);

      expect(result.code).toBe(0);
      for (const check of ALL_CHECKS) {
        expect(result.stdout).toContain(check.id);
      }
    });
  });
});

describe('aks-traffic-security check --format sarif', () => {
  const mockDir = createMockDirectory();

  beforeAll(() => {
    mockDir.setContent({
      'azure/cluster.json': azOutput('az-aks-show.json'),
      'azure/gateway.json': fixtureText(
        'arm-specs-network-2023-11-01/ApplicationGatewayCreate.json',
      ),
      'k8s/ingress.yaml': fixtureText('aks-baseline/02-aspnetapp-ingress.yaml'),
      'k8s/traefik.yaml': fixtureText('aks-baseline/traefik.yaml'),
    });
  });

  async function sarif() {
    const result = await run(['check', '--format', 'sarif', '.'], mockDir.path);
    return { result, log: JSON.parse(result.stdout) };
  }

  it('writes the SARIF 2.1.0 envelope', async () => {
    const { result, log } = await sarif();

    expect(result.code).toBe(1);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver.name).toBe('aks-traffic-security');
  });

  it('describes every check as a rule', async () => {
    const { log } = await sarif();
    const rules = log.runs[0].tool.driver.rules;

    expect(rules.map((rule: { id: string }) => rule.id)).toEqual(
      ALL_CHECKS.map(check => check.id),
    );
    for (const rule of rules) {
      expect(rule.shortDescription.text).toEqual(expect.any(String));
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toMatch(/^https:\/\//);
      const score = Number(rule.properties['security-severity']);
      expect(typeof rule.properties['security-severity']).toBe('string');
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(10);
    }
  });

  it('reports failing, warning and unknown checks as located results', async () => {
    const { log } = await sarif();
    const rules = log.runs[0].tool.driver.rules;
    const results = log.runs[0].results;

    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations.length).toBeGreaterThan(0);
      for (const location of result.locations) {
        const { artifactLocation, region } = location.physicalLocation;
        expect(artifactLocation.uri).not.toMatch(/^\//);
        expect(fs.existsSync(mockDir.resolve(artifactLocation.uri))).toBe(true);
        expect(region.startLine).toBeGreaterThanOrEqual(1);
      }
    }
    expect(results.map((result: { level: string }) => result.level)).toContain(
      'error',
    );
  });

  it('locates a result in the file of its resource', async () => {
    const { log } = await sarif();

    const sku = log.runs[0].results.find(
      (result: { ruleId: string }) =>
        result.ruleId === 'ingress.appgw.sku-waf-v2',
    );

    // The example gateway is Standard_Medium, a v1 SKU without WAF.
    expect(sku.level).toBe('error');
    expect(sku.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'azure/gateway.json',
    );
    const line = fixtureText(
      'arm-specs-network-2023-11-01/ApplicationGatewayCreate.json',
    )
      .split('\n')
      .findIndex(text =>
        text.includes(
          '"id": "/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/applicationGateways/appgw"',
        ),
      );
    expect(sku.locations[0].physicalLocation.region.startLine).toBe(line + 1);
  });

  it('does not report passing checks', async () => {
    const { log } = await sarif();
    const json = await run(['check', '--format', 'json', '.'], mockDir.path);

    const reported = new Set(
      log.runs[0].results.map((result: { ruleId: string }) => result.ruleId),
    );
    for (const check of JSON.parse(json.stdout).checks as JsonCheck[]) {
      expect(reported.has(check.checkId)).toBe(
        ['fail', 'warn', 'unknown'].includes(check.verdict),
      );
    }
  });
});
