import { promises as fs } from 'fs';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { JsonObject } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleAzure from '@backstage/plugin-scaffolder-backend-module-azure';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import { scaffolderModuleAksTrafficSecurity } from '../module';

/** The service template of this repository. */
export const TEMPLATE_DIRECTORY = path.resolve(
  __dirname,
  '../../../../templates/aks-service',
);

/** One file of a template or of a rendered workspace. */
export interface TemplateFile {
  path: string;
  content: string;
}

/** Valid form values for the service template. */
export function validParameters(overrides: JsonObject = {}): JsonObject {
  return {
    name: 'orders-api',
    owner: 'group:default/team-orders',
    system: 'system:default/shop',
    description: 'Takes and tracks customer orders',
    hostName: 'orders.contoso.com',
    clusterId:
      '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.ContainerService/managedClusters/aks-bu0001a0008-00',
    namespace: 'orders',
    applicationGatewayId:
      '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/applicationGateways/apw-aks-bu0001a0008',
    wafPolicyId:
      '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-aks-bu0001a0008',
    internalDomainSuffix: 'aks-ingress.contoso.com',
    entryPoint: 'traefik-ingress',
    tlsToPod: false,
    keyVaultName: 'kv-aks-bu0001a0008',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    workloadIdentityClientId: '3f0b7c1e-52a4-4d8e-9b6c-0a1e2f3d4c5b',
    publicCertificateName: 'orders-contoso-com',
    internalCertificateName: 'traefik-ingress-internal-aks-ingress-tls',
    trustedRootCertificateName: 'appgw-ingress-internal-aks-ingress-tls',
    publishTarget: 'github',
    repoUrl: 'github.com?owner=contoso&repo=orders-api',
    ...overrides,
  };
}

/** Reads every file of the service template. */
export async function readTemplateFiles(): Promise<TemplateFile[]> {
  const files: TemplateFile[] = [];
  const walk = async (directory: string) => {
    for (const entry of await fs.readdir(directory, { withFileTypes: true })) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        await walk(absolute);
      } else {
        files.push({
          path: path
            .relative(TEMPLATE_DIRECTORY, absolute)
            .split(path.sep)
            .join('/'),
          content: await fs.readFile(absolute, 'utf8'),
        });
      }
    }
  };
  await walk(TEMPLATE_DIRECTORY);
  return files;
}

/** Replaces text in one template file, failing when the text is absent. */
export function editTemplateFile(
  files: TemplateFile[],
  filePath: string,
  edit: (content: string) => string,
): TemplateFile[] {
  return files.map(file => {
    if (file.path !== filePath) {
      return file;
    }
    const content = edit(file.content);
    if (content === file.content) {
      throw new Error(`The edit changed nothing in ${filePath}`);
    }
    return { ...file, content };
  });
}

/** The parts of a dry-run response the tests read. */
export interface DryRunResult {
  status: number;
  body: any;
  /** The rendered workspace, by path. */
  files: Map<string, string>;
  /** Every log message of the run, in order. */
  log: string[];
}

/**
 * A scaffolder backend with this module, started once per test file, that
 * runs the service template through the dry-run endpoint. Its mock catalog
 * contains `options.entities`.
 */
export async function startScaffolder(
  config: JsonObject = {},
  options: { entities?: Entity[] } = {},
) {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleGithub,
      scaffolderModuleAzure,
      scaffolderModuleAksTrafficSecurity,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });

  const dryRun = async (
    values: JsonObject,
    files?: TemplateFile[],
  ): Promise<DryRunResult> => {
    const templateFiles = files ?? (await readTemplateFiles());
    const template = parseYaml(
      templateFiles.find(file => file.path === 'template.yaml')!.content,
    );

    const response = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values,
        directoryContents: templateFiles.map(file => ({
          path: file.path,
          base64Content: Buffer.from(file.content).toString('base64'),
        })),
      });

    const rendered = new Map<string, string>(
      (response.body.directoryContents ?? []).map(
        (file: { path: string; base64Content: string }) => [
          file.path,
          Buffer.from(file.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    const log = (response.body.log ?? []).map(
      (entry: { body: { message: string } }) => entry.body.message,
    );
    return {
      status: response.status,
      body: response.body,
      files: rendered,
      log,
    };
  };

  return { dryRun, stop: () => backend.stop() };
}
