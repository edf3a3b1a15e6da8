import { expect, test } from '@playwright/test';
import { readFile, readdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { signInAsGuest } from './signIn';
import { openServiceTemplate, pickOption } from './templateForm';

// app-config.yaml sets aksTrafficSecurity.scaffolder.localPublishDirectory to
// this folder, relative to the backend's working directory packages/backend.
const LOCAL_REPOSITORIES = resolve(__dirname, '../../.local-repositories');

const SUBSCRIPTION = '/subscriptions/3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34';
const CLUSTER_ID = `${SUBSCRIPTION}/resourceGroups/rg-contoso-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod-01`;
const GATEWAY_ID = `${SUBSCRIPTION}/resourceGroups/rg-contoso-edge-prod/providers/Microsoft.Network/applicationGateways/agw-contoso-prod-01`;
const WAF_POLICY_ID = `${SUBSCRIPTION}/resourceGroups/rg-contoso-edge-prod/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-contoso-prod-01`;

// A name no earlier run used, so the publish step never meets an existing folder.
const name = `e2e-${Date.now().toString(36)}`;
const hostName = `${name}.contoso.com`;
const repositoryPath = resolve(LOCAL_REPOSITORIES, name);

test.afterEach(async () => {
  await rm(repositoryPath, { recursive: true, force: true });
});

test('creates a service from the template', async ({ page }, testInfo) => {
  // It usually takes 20 to 30 s; the margin covers the catalog's ingestion
  // of the new entity on a busy machine.
  test.setTimeout(90_000);
  await signInAsGuest(page);
  await openServiceTemplate(page);

  // Service: an invalid name first.
  await page.getByLabel('Service name').fill('Orders_API');
  await pickOption(page, 'root_owner', 'Commerce');
  await pickOption(page, 'root_system', 'online-store');
  await page.getByLabel('Description').fill('Takes orders from the web shop');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#root_name__error')).toHaveText(
    'must match pattern "^[a-z]([-a-z0-9]{0,44}[a-z0-9])?$"',
  );
  await page.screenshot({ path: testInfo.outputPath('invalid-name.png') });

  await page.getByLabel('Service name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();

  // Traffic.
  await page.getByLabel('Public host name').fill(hostName);
  await page.getByLabel('Target cluster').fill(CLUSTER_ID);
  await page.getByLabel('Namespace').fill(name);
  await page.getByLabel('Application Gateway').fill(GATEWAY_ID);
  await page.getByLabel('WAF policy').fill(WAF_POLICY_ID);
  await page.getByRole('button', { name: 'Next' }).click();

  // Certificates.
  await page.getByLabel('Key Vault name').fill('kv-contoso-ingress-prod');
  await page
    .getByLabel('Tenant id')
    .fill('7f3c9a12-4b8e-4d21-9c6a-2e5f8b1d0a47');
  await page
    .getByLabel('Workload identity client id')
    .fill('0b5e8c1d-3f2a-4e6b-9d7c-1a2b3c4d5e6f');
  await page.getByLabel('Public certificate').fill(`${name}-contoso-com`);
  await page.getByRole('button', { name: 'Next' }).click();

  // Publish.
  await page.locator('#root_publishTarget').click();
  await page.getByRole('option', { name: 'Local directory' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: every step done, the gate's summary in the log.
  await expect(page.getByRole('link', { name: 'Open in catalog' })).toBeVisible(
    { timeout: 45_000 },
  );
  await page.getByPlaceholder('Search').fill('Traffic security gate evaluated');
  const summary = page.getByText(
    'Traffic security gate evaluated the rendered service',
  );
  await expect(summary).toContainText('"passed":true');
  await expect(summary).toContainText('"fail":0');
  await summary.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('task.png') });

  await expectPublishedRepository();

  // The catalog reads the new folder through the location glob. The task
  // only requests a refresh, so the entity page may need a few reloads.
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  const tabLink = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Traffic security' });
  await expect(async () => {
    if (!(await tabLink.isVisible())) {
      await page.reload();
    }
    await expect(tabLink).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 40_000 });
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await tabLink.click();
  await expect(page).toHaveURL(
    new RegExp(`/component/${name}/traffic-security$`),
  );
  // The snapshot has no namespace for the new service, so the flows that
  // need it cannot be evaluated yet.
  await expect(
    page.getByRole('heading', { name: 'Not fully evaluated' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Ingress flow' }).getByText('Unknown', {
      exact: true,
    }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('new-service-tab.png') });
});

/** Asserts the files that the local publish step wrote. */
async function expectPublishedRepository() {
  const catalogInfo = parse(
    await readFile(resolve(repositoryPath, 'catalog-info.yaml'), 'utf8'),
  );
  expect(catalogInfo.metadata.name).toBe(name);
  expect(catalogInfo.metadata.annotations).toMatchObject({
    'aks-traffic-security.io/cluster-id': CLUSTER_ID,
    'aks-traffic-security.io/gateway-id': GATEWAY_ID,
    'aks-traffic-security.io/host-names': hostName,
    'aks-traffic-security.io/internal-domain-suffix': 'aks-ingress.contoso.com',
    'aks-traffic-security.io/tls-to-pod': 'false',
    'backstage.io/kubernetes-namespace': name,
    'backstage.io/kubernetes-id': name,
  });
  expect(catalogInfo.spec).toMatchObject({
    owner: 'group:default/team-commerce',
    system: 'system:default/online-store',
  });

  const manifestFiles = (
    await readdir(resolve(repositoryPath, 'kubernetes'))
  ).sort();
  expect(manifestFiles).toEqual([
    'deployment.yaml',
    'entry-point.yaml',
    'networkpolicies.yaml',
    'secretproviderclass.yaml',
    'service.yaml',
    'serviceaccount.yaml',
  ]);
  const manifests = [];
  for (const file of manifestFiles) {
    const text = await readFile(
      resolve(repositoryPath, 'kubernetes', file),
      'utf8',
    );
    for (const document of parseAllDocuments(text)) {
      expect(document.errors).toEqual([]);
      const object = document.toJS();
      if (object) {
        manifests.push(object);
      }
    }
  }
  const kinds = manifests.map(object => object.kind);
  for (const kind of [
    'Deployment',
    'Service',
    'ServiceAccount',
    'Ingress',
    'NetworkPolicy',
    'SecretProviderClass',
  ]) {
    expect(kinds).toContain(kind);
  }
  const ingress = manifests.find(object => object.kind === 'Ingress');
  expect(ingress.metadata.namespace).toBe(name);
  expect(ingress.spec.tls[0].hosts).toEqual([
    `${name}.aks-ingress.contoso.com`,
  ]);
  const defaultDeny = manifests.find(
    object =>
      object.kind === 'NetworkPolicy' &&
      object.metadata.name === `${name}-default-deny`,
  );
  expect(defaultDeny.metadata.namespace).toBe(name);
  expect(defaultDeny.spec).toEqual({
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
  });

  const gateway = JSON.parse(
    await readFile(resolve(repositoryPath, 'infra/appgw-service.json'), 'utf8'),
  );
  expect(gateway.id).toBe(GATEWAY_ID);
  expect(gateway.type).toBe('Microsoft.Network/applicationGateways');
  const listener = gateway.properties.httpListeners.find(
    (candidate: { name: string }) =>
      candidate.name === `${name}-https-listener`,
  );
  expect(listener.properties).toMatchObject({
    protocol: 'Https',
    hostName,
    requireServerNameIndication: true,
    firewallPolicy: { id: WAF_POLICY_ID },
  });
}
