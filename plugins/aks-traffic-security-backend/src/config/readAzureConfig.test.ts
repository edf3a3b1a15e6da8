import { ConfigReader } from '@backstage/config';
import { readAzureConfig } from './readAzureConfig';

function configWith(azure: Record<string, any>) {
  return new ConfigReader({ aksTrafficSecurity: { azure } });
}

describe('readAzureConfig', () => {
  it('fills in the defaults', () => {
    const config = readAzureConfig(new ConfigReader({}));

    expect(config).toEqual({
      cloud: {
        name: 'AzurePublicCloud',
        authorityHost: 'https://login.microsoftonline.com',
        resourceManagerEndpoint: 'https://management.azure.com',
      },
      credential: {
        key: 'aksTrafficSecurity.azure.credential',
        type: 'default',
      },
      subscriptions: [],
      maxConcurrency: 8,
      maxRetries: 3,
      retryDelayMs: 1000,
      readTimeoutMs: 60_000,
    });
  });

  it.each([
    [
      'AzureChinaCloud',
      'https://login.chinacloudapi.cn',
      'https://management.chinacloudapi.cn',
    ],
    [
      'AzureUSGovernment',
      'https://login.microsoftonline.us',
      'https://management.usgovcloudapi.net',
    ],
  ])('reads the %s preset', (cloud, authorityHost, resourceManagerEndpoint) => {
    const config = readAzureConfig(configWith({ cloud }));

    expect(config.cloud).toEqual({
      name: cloud,
      authorityHost,
      resourceManagerEndpoint,
    });
  });

  it('reads explicit endpoints as a custom cloud', () => {
    const config = readAzureConfig(
      configWith({
        cloud: 'AzureUSGovernment',
        authorityHost: 'https://login.example.internal/',
        resourceManagerEndpoint: 'https://arm.example.internal:8443',
      }),
    );

    expect(config.cloud).toEqual({
      name: 'custom',
      authorityHost: 'https://login.example.internal',
      resourceManagerEndpoint: 'https://arm.example.internal:8443',
    });
  });

  it('reads credentials and subscriptions', () => {
    const config = readAzureConfig(
      configWith({
        credential: {
          type: 'clientSecret',
          tenantId: 'contoso.onmicrosoft.com',
          clientId: 'client-a',
          clientSecret: 'secret-a',
        },
        subscriptions: [
          { id: '3E9A7C15-2D4B-4E8F-A1C6-7B0D5F2E9A34' },
          {
            id: '5b2d8e41-93c7-4f0a-b6e2-1c9d4a7f3e85',
            tenantId: '22222222-2222-2222-2222-222222222222',
            credential: { type: 'workloadIdentity', clientId: 'client-b' },
          },
        ],
        maxConcurrency: 4,
        maxRetries: 0,
        retryDelay: { milliseconds: 250 },
        readTimeout: 'PT2M',
      }),
    );

    expect(config.credential).toEqual({
      key: 'aksTrafficSecurity.azure.credential',
      type: 'clientSecret',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: 'client-a',
      clientSecret: 'secret-a',
    });
    expect(config.subscriptions).toEqual([
      {
        id: '3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34',
        tenantId: undefined,
        credential: undefined,
      },
      {
        id: '5b2d8e41-93c7-4f0a-b6e2-1c9d4a7f3e85',
        tenantId: '22222222-2222-2222-2222-222222222222',
        credential: {
          key: 'aksTrafficSecurity.azure.subscriptions[1].credential',
          type: 'workloadIdentity',
          clientId: 'client-b',
          tenantId: undefined,
          clientSecret: undefined,
        },
      },
    ]);
    expect(config.maxConcurrency).toBe(4);
    expect(config.maxRetries).toBe(0);
    expect(config.retryDelayMs).toBe(250);
    expect(config.readTimeoutMs).toBe(120_000);
  });

  it('keeps an incomplete credential for its first use', () => {
    const config = readAzureConfig(
      configWith({ credential: { type: 'certificate', tenantId: 42 } }),
    );

    expect(config.credential).toEqual({
      key: 'aksTrafficSecurity.azure.credential',
      type: 'certificate',
      tenantId: undefined,
      clientId: undefined,
      clientSecret: undefined,
    });
  });

  it.each([
    [
      { cloud: 'AzureGermanCloud' },
      "Invalid config 'aksTrafficSecurity.azure.cloud' value 'AzureGermanCloud'; expected one of AzurePublicCloud, AzureChinaCloud, AzureUSGovernment",
    ],
    [
      { resourceManagerEndpoint: 'http://management.azure.com' },
      "Invalid config 'aksTrafficSecurity.azure.resourceManagerEndpoint' value 'http://management.azure.com'; expected an https URL with no path",
    ],
    [
      { authorityHost: 'https://login.microsoftonline.com/tenant' },
      "Invalid config 'aksTrafficSecurity.azure.authorityHost'",
    ],
    [
      { subscriptions: [{ id: 'prod' }] },
      "Invalid config 'aksTrafficSecurity.azure.subscriptions[0].id' value 'prod'; expected a subscription id (a GUID)",
    ],
    [
      {
        subscriptions: [
          { id: '3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34' },
          { id: '3E9A7C15-2D4B-4E8F-A1C6-7B0D5F2E9A34' },
        ],
      },
      "subscription '3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34' is listed twice",
    ],
    [
      { maxConcurrency: 0 },
      "Invalid config 'aksTrafficSecurity.azure.maxConcurrency' value '0'; expected a whole number from 1 to 64",
    ],
    [
      { maxRetries: 2.5 },
      "Invalid config 'aksTrafficSecurity.azure.maxRetries' value '2.5'",
    ],
    [
      { readTimeout: { fortnights: 1 } },
      "Invalid config 'aksTrafficSecurity.azure.readTimeout'",
    ],
    [
      { retryDelay: { seconds: 0 } },
      "Invalid config 'aksTrafficSecurity.azure.retryDelay'; expected a duration longer than zero",
    ],
  ])('rejects %j', (azure, message) => {
    expect(() => readAzureConfig(configWith(azure))).toThrow(message);
  });
});
