import fs from 'fs';
import os from 'os';
import path from 'path';
import { DEMO_SNAPSHOT_DIR } from './armMock';
import { kubernetesCluster } from './azureSourceHarness';
import { FakeKubernetesApi } from './kubernetesApiMock';
import { createLoopbackCertificate } from './loopbackCertificate';

/**
 * Sets up fake Kubernetes API servers over HTTPS for the tests of a file:
 * `start` serves the demo cluster's objects, and each server closes after
 * its test. The reader keeps connections alive with an agent of its own
 * only over TLS, so connection tests need HTTPS with a certificate that the
 * reader trusts through `caData`.
 */
export function useTlsKubernetesApis() {
  let directory: string;
  let tls: { key: string; cert: string };
  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kubernetes-tls-'));
    const { keyFile, certFile } = createLoopbackCertificate(directory);
    tls = {
      key: fs.readFileSync(keyFile, 'utf8'),
      cert: fs.readFileSync(certFile, 'utf8'),
    };
  });
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  const apis: FakeKubernetesApi[] = [];
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.close()));
  });

  return {
    async start(latencyMs = 0): Promise<FakeKubernetesApi> {
      const api = await FakeKubernetesApi.start({ tls, latencyMs });
      api.addClusterDirectory(
        path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
      );
      apis.push(api);
      return api;
    },

    /** Returns the config entry of the demo cluster for a started server. */
    cluster(api: FakeKubernetesApi) {
      return kubernetesCluster(api.url, {
        caData: Buffer.from(tls.cert).toString('base64'),
      });
    },
  };
}

/** Waits until the fake API server has `count` open connections, or fails after two seconds. */
export async function expectOpenConnections(
  api: FakeKubernetesApi,
  count: number,
): Promise<void> {
  const deadline = Date.now() + 2000;
  let open = await api.openConnections();
  while (open !== count && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 10));
    open = await api.openConnections();
  }
  expect(open).toBe(count);
}
