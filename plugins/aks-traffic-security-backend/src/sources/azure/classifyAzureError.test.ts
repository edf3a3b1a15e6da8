import {
  classifyAzureError,
  quotaResetsAfter,
  retryAfter,
} from './classifyAzureError';
import { CredentialFailedError } from './CredentialFailedError';
import { EndpointNotAllowedError } from './AzureArmClients';

const TARGET =
  '/subscriptions/3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt';

function headers(values: Record<string, string>) {
  return {
    get: (name: string) => values[name.toLowerCase()],
  };
}

function response(
  status: number,
  body: unknown,
  values: Record<string, string> = {},
) {
  return {
    status,
    headers: headers(values),
    parsedBody: body,
    request: { url: `https://management.azure.com${TARGET}` },
  };
}

describe('classifyAzureError', () => {
  it.each([
    [404, 'ResourceNotFound', 'not-found', false],
    [403, 'AuthorizationFailed', 'forbidden', false],
    [401, 'InvalidAuthenticationToken', 'credential-failed', false],
    [429, 'TooManyRequests', 'throttled', true],
    [408, 'RequestTimeout', 'timeout', true],
    [500, 'InternalServerError', 'server-error', true],
    [503, 'ServiceUnavailable', 'server-error', true],
    [400, 'InvalidApiVersionParameter', 'request-failed', false],
  ])('classifies %i %s as %s', (status, code, reason, retry) => {
    const outcome = classifyAzureError(
      new Error('ignored'),
      response(status, { error: { code, message: 'Details.' } }),
      TARGET,
    );

    expect(outcome).toEqual({
      ok: false,
      reason,
      message: `Azure Resource Manager returned ${status} ${code} for ${TARGET}: Details.`,
      retry,
      ...(retry ? { retryAfterMs: undefined } : {}),
    });
  });

  it('reads the status of a later page from the error', () => {
    const error = Object.assign(new Error('Throttled'), {
      name: 'RestError',
      statusCode: 429,
      code: 'TooManyRequests',
      response: { headers: headers({ 'retry-after': '7' }) },
    });

    expect(classifyAzureError(error, undefined, TARGET)).toMatchObject({
      reason: 'throttled',
      retry: true,
      retryAfterMs: 7000,
    });
  });

  it('classifies credential, endpoint, network and parse errors', () => {
    expect(
      classifyAzureError(
        new CredentialFailedError('no token'),
        undefined,
        TARGET,
      ),
    ).toMatchObject({
      reason: 'credential-failed',
      message: 'no token',
      retry: false,
    });
    expect(
      classifyAzureError(
        new EndpointNotAllowedError('other host'),
        undefined,
        TARGET,
      ),
    ).toMatchObject({ reason: 'invalid-response', retry: false });
    expect(
      classifyAzureError(
        Object.assign(new Error('connect ECONNREFUSED'), {
          code: 'ECONNREFUSED',
        }),
        undefined,
        TARGET,
      ),
    ).toMatchObject({ reason: 'network-error', retry: true });
    expect(
      classifyAzureError(
        new TypeError('Cannot read properties of undefined'),
        undefined,
        TARGET,
      ),
    ).toMatchObject({ reason: 'invalid-response', retry: false });
  });
});

describe('retryAfter', () => {
  it('reads milliseconds, seconds and an HTTP date', () => {
    expect(
      retryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' })),
    ).toBe(250);
    expect(retryAfter(headers({ 'x-ms-retry-after-ms': '1500' }))).toBe(1500);
    expect(retryAfter(headers({ 'retry-after': '2' }))).toBe(2000);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(
      retryAfter(headers({ 'retry-after': inTenSeconds })),
    ).toBeGreaterThan(8000);
    expect(retryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfter(headers({}))).toBeUndefined();
  });
});

describe('quotaResetsAfter', () => {
  it('reads hh:mm:ss', () => {
    expect(
      quotaResetsAfter(headers({ 'x-ms-user-quota-resets-after': '00:00:03' })),
    ).toBe(3000);
    expect(
      quotaResetsAfter(headers({ 'x-ms-user-quota-resets-after': '01:02:05' })),
    ).toBe(3_725_000);
    expect(
      quotaResetsAfter(headers({ 'x-ms-user-quota-resets-after': '3 s' })),
    ).toBeUndefined();
    expect(quotaResetsAfter(headers({}))).toBeUndefined();
  });

  it('is the wait of a Resource Graph 429 without Retry-After', () => {
    const quota = { 'x-ms-user-quota-resets-after': '00:00:04' };

    expect(
      classifyAzureError(
        new Error('Throttled'),
        response(429, { error: { code: 'RateLimiting' } }, quota),
        'a Resource Graph query',
      ).retryAfterMs,
    ).toBe(4000);
    expect(
      classifyAzureError(
        new Error('Throttled'),
        response(
          429,
          { error: { code: 'RateLimiting' } },
          { ...quota, 'retry-after': '1' },
        ),
        'a Resource Graph query',
      ).retryAfterMs,
    ).toBe(1000);
    expect(
      classifyAzureError(
        new Error('Unavailable'),
        response(503, { error: { code: 'ServiceUnavailable' } }, quota),
        'a Resource Graph query',
      ).retryAfterMs,
    ).toBeUndefined();
  });
});
