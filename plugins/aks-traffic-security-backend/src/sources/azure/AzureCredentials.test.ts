import { setupServer } from 'msw/node';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { AzureSourceConfig } from '../../config/readAzureConfig';
import {
  entraHandlers,
  MOCK_AUTHORITY_HOST,
  TokenRequest,
} from '../../__testUtils__/entraMock';
import { AzureCredentials } from './AzureCredentials';
import { CredentialFailedError } from './CredentialFailedError';
import { createTokenCredential } from './createTokenCredential';

const TENANT_A = '11111111-1111-1111-1111-111111111111';
const TENANT_B = '22222222-2222-2222-2222-222222222222';
const SUBSCRIPTION_A = '3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34';
const SUBSCRIPTION_B = '5b2d8e41-93c7-4f0a-b6e2-1c9d4a7f3e85';
const SUBSCRIPTION_C = '7c1f2a90-4b3e-4d6a-8f21-9e0b5c4d3a12';
const SECRET_A = 'A1b2C3~secret-value-of-client-a';
const ARM_SCOPE = 'https://127.0.0.1:9443/.default';

const cloud = {
  name: 'custom',
  authorityHost: MOCK_AUTHORITY_HOST,
  resourceManagerEndpoint: 'https://127.0.0.1:9443',
};

function azureConfig(overrides: Partial<AzureSourceConfig> = {}) {
  return {
    cloud,
    credential: {
      key: 'aksTrafficSecurity.azure.credential',
      type: 'clientSecret',
      tenantId: TENANT_A,
      clientId: 'client-a',
      clientSecret: SECRET_A,
    },
    subscriptions: [],
    maxConcurrency: 8,
    maxRetries: 0,
    retryDelayMs: 10,
    readTimeoutMs: 5000,
    ...overrides,
  } as AzureSourceConfig;
}

describe('AzureCredentials', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let tokenRequests: TokenRequest[];
  beforeEach(() => {
    tokenRequests = [];
    server.use(
      ...entraHandlers(
        [
          { tenantId: TENANT_A, clientId: 'client-a', clientSecret: SECRET_A },
          { tenantId: TENANT_B, clientId: 'client-a', clientSecret: SECRET_A },
          {
            tenantId: TENANT_B,
            clientId: 'client-b',
            clientSecret: 'secret-b',
          },
        ],
        tokenRequests,
      ),
    );
  });

  it('gets a token with the client secret from the mock authority', async () => {
    const credentials = new AzureCredentials({
      config: azureConfig(),
      logger: mockServices.logger.mock(),
    });

    const token = await credentials
      .forSubscription(SUBSCRIPTION_A)
      .credential.getToken(ARM_SCOPE);

    expect(token?.token).toBe(`access-token-${TENANT_A}-client-a-1`);
    expect(tokenRequests).toEqual([
      { tenantId: TENANT_A, clientId: 'client-a', scope: ARM_SCOPE },
    ]);
  });

  it('uses the tenant and credential of each subscription', async () => {
    const credentials = new AzureCredentials({
      config: azureConfig({
        subscriptions: [
          { id: SUBSCRIPTION_A },
          { id: SUBSCRIPTION_B, tenantId: TENANT_B },
          {
            id: SUBSCRIPTION_C,
            tenantId: TENANT_B,
            credential: {
              key: 'aksTrafficSecurity.azure.subscriptions[2].credential',
              type: 'clientSecret',
              clientId: 'client-b',
              clientSecret: 'secret-b',
            },
          },
        ],
      }),
      logger: mockServices.logger.mock(),
    });

    const a = credentials.forSubscription(SUBSCRIPTION_A);
    const b = credentials.forSubscription(SUBSCRIPTION_B.toUpperCase());
    const c = credentials.forSubscription(SUBSCRIPTION_C);
    await a.credential.getToken(ARM_SCOPE);
    await b.credential.getToken(ARM_SCOPE);
    await c.credential.getToken(ARM_SCOPE);

    expect(
      tokenRequests.map(({ tenantId, clientId }) => [tenantId, clientId]),
    ).toEqual([
      [TENANT_A, 'client-a'],
      [TENANT_B, 'client-a'],
      [TENANT_B, 'client-b'],
    ]);
    expect(new Set([a.key, b.key, c.key]).size).toBe(3);
    expect(credentials.forSubscription(SUBSCRIPTION_A).credential).toBe(
      a.credential,
    );
  });

  it('shares one token request between concurrent reads', async () => {
    const credentials = new AzureCredentials({
      config: azureConfig(),
      logger: mockServices.logger.mock(),
    });
    const { credential } = credentials.forSubscription(SUBSCRIPTION_A);

    const tokens = await Promise.all([
      credential.getToken(ARM_SCOPE),
      credential.getToken(ARM_SCOPE),
      credential.getToken([ARM_SCOPE]),
    ]);

    expect(new Set(tokens.map(token => token?.token)).size).toBe(1);
    expect(tokenRequests).toHaveLength(1);
  });

  it('reports a rejected secret without the secret and remembers it', async () => {
    const logger = mockServices.logger.mock();
    const credentials = new AzureCredentials({
      config: azureConfig({
        credential: {
          key: 'aksTrafficSecurity.azure.credential',
          type: 'clientSecret',
          tenantId: TENANT_A,
          clientId: 'client-a',
          clientSecret: 'expired-secret-value',
        },
      }),
      logger,
    });
    const { credential } = credentials.forSubscription(SUBSCRIPTION_A);

    const first = await credential.getToken(ARM_SCOPE).catch(error => error);
    const second = await credential.getToken(ARM_SCOPE).catch(error => error);

    expect(first).toBeInstanceOf(CredentialFailedError);
    expect(first.message).toContain(
      "The clientSecret credential in 'aksTrafficSecurity.azure.credential'",
    );
    expect(first.message).toContain('AADSTS7000215');
    expect(first.message).not.toContain('expired-secret-value');
    expect(second).toBe(first);
    expect(tokenRequests).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain(
      'expired-secret-value',
    );

    credentials.forgetFailures();
    await expect(credential.getToken(ARM_SCOPE)).rejects.toThrow(
      CredentialFailedError,
    );
    expect(tokenRequests).toHaveLength(2);
  });

  it('reports a workload identity without its token file at first use', async () => {
    const tokenFile = process.env.AZURE_FEDERATED_TOKEN_FILE;
    delete process.env.AZURE_FEDERATED_TOKEN_FILE;
    const credentials = new AzureCredentials({
      config: azureConfig({
        credential: {
          key: 'aksTrafficSecurity.azure.credential',
          type: 'workloadIdentity',
          tenantId: TENANT_A,
          clientId: 'client-a',
        },
      }),
      logger: mockServices.logger.mock(),
    });

    try {
      const { credential } = credentials.forSubscription(SUBSCRIPTION_A);
      const error = await credential.getToken(ARM_SCOPE).catch(e => e);

      expect(error).toBeInstanceOf(CredentialFailedError);
      expect(error.message).toContain(
        "The workloadIdentity credential in 'aksTrafficSecurity.azure.credential'",
      );
      expect(error.message).toContain('AZURE_FEDERATED_TOKEN_FILE');
    } finally {
      if (tokenFile !== undefined) {
        process.env.AZURE_FEDERATED_TOKEN_FILE = tokenFile;
      }
    }
  });

  it('reports an incomplete credential at first use, not at creation', async () => {
    const credentials = new AzureCredentials({
      config: azureConfig({
        credential: {
          key: 'aksTrafficSecurity.azure.credential',
          type: 'clientSecret',
          clientId: 'client-a',
        },
      }),
      logger: mockServices.logger.mock(),
    });
    const { credential } = credentials.forSubscription(SUBSCRIPTION_A);

    await expect(credential.getToken(ARM_SCOPE)).rejects.toThrow(
      "Missing 'tenantId', 'clientSecret' for the clientSecret credential in 'aksTrafficSecurity.azure.credential'",
    );
    expect(tokenRequests).toHaveLength(0);
  });
});

describe('createTokenCredential', () => {
  const key = 'aksTrafficSecurity.azure.credential';

  const tokenFile = process.env.AZURE_FEDERATED_TOKEN_FILE;
  afterEach(() => {
    if (tokenFile === undefined) {
      delete process.env.AZURE_FEDERATED_TOKEN_FILE;
    } else {
      process.env.AZURE_FEDERATED_TOKEN_FILE = tokenFile;
    }
  });

  it.each([
    ['default', DefaultAzureCredential],
    ['workloadIdentity', WorkloadIdentityCredential],
    ['managedIdentity', ManagedIdentityCredential],
  ])('creates the %s credential', (type, expected) => {
    // The workload identity webhook sets this variable in an AKS pod.
    process.env.AZURE_FEDERATED_TOKEN_FILE =
      '/var/run/secrets/azure/tokens/azure-identity-token';

    const credential = createTokenCredential(
      { key, type, clientId: '9a1c7e52-5f0b-4d1e-8e4a-2c6b7d9f0a13' },
      { tenantId: TENANT_A, cloud },
    );

    expect(credential).toBeInstanceOf(expected);
  });

  it('creates the client secret credential', () => {
    const credential = createTokenCredential(
      { key, type: 'clientSecret', clientId: 'client-a', clientSecret: 's' },
      { tenantId: TENANT_A, cloud },
    );

    expect(credential).toBeInstanceOf(ClientSecretCredential);
  });

  it.each([
    [
      { key, type: 'certificate' },
      "Invalid credential type 'certificate' in 'aksTrafficSecurity.azure.credential'; expected one of default, clientSecret, workloadIdentity, managedIdentity",
    ],
    [
      { key, type: 'clientSecret', clientSecret: 's' },
      "Missing 'clientId' for the clientSecret credential",
    ],
  ])('rejects %j', (config, message) => {
    expect(() =>
      createTokenCredential(config, { tenantId: TENANT_A, cloud }),
    ).toThrow(message);
  });

  it('rejects a malformed tenant id', () => {
    expect(() =>
      createTokenCredential(
        { key, type: 'default' },
        { tenantId: 'contoso/../evil', cloud },
      ),
    ).toThrow("Invalid tenant id 'contoso/../evil'");
  });
});
