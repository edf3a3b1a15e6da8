import { http, HttpResponse } from 'msw';

/**
 * The Entra ID authority host of the tests. It is a loopback address, so a
 * request that msw failed to intercept could not leave the machine.
 */
export const MOCK_AUTHORITY_HOST = 'https://127.0.0.1:8443';

/** One application registration that the mock token endpoint accepts. */
export interface MockApplication {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** A token request the mock received, without the secret. */
export interface TokenRequest {
  tenantId: string;
  clientId: string;
  scope: string;
}

/**
 * Serves the Entra ID endpoints that `ClientSecretCredential` calls with
 * `disableInstanceDiscovery: true`: the tenant's OpenID configuration and the
 * v2.0 token endpoint (client credentials grant). An unknown client or a
 * wrong secret gets the error body Entra ID returns for AADSTS7000215.
 * Issued access tokens are `access-token-<tenant>-<client>-<n>`.
 */
export function entraHandlers(
  applications: MockApplication[],
  requests: TokenRequest[] = [],
) {
  let issued = 0;

  return [
    http.get(
      `${MOCK_AUTHORITY_HOST}/:tenantId/v2.0/.well-known/openid-configuration`,
      ({ params }) => {
        const base = `${MOCK_AUTHORITY_HOST}/${params.tenantId}`;
        return HttpResponse.json({
          token_endpoint: `${base}/oauth2/v2.0/token`,
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'id_token', 'code id_token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          tenant_region_scope: 'EU',
        });
      },
    ),

    http.post(
      `${MOCK_AUTHORITY_HOST}/:tenantId/oauth2/v2.0/token`,
      async ({ params, request }) => {
        const form = new URLSearchParams(await request.text());
        const tenantId = String(params.tenantId);
        const clientId = form.get('client_id') ?? '';
        requests.push({ tenantId, clientId, scope: form.get('scope') ?? '' });

        const application = applications.find(
          candidate =>
            candidate.tenantId === tenantId && candidate.clientId === clientId,
        );
        if (
          !application ||
          application.clientSecret !== form.get('client_secret')
        ) {
          return HttpResponse.json(
            {
              error: 'invalid_client',
              error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'. Trace ID: 0b7e5d39-2f0a-4c55-9d3c-1f0c6a3b7e00 Correlation ID: 5f0e1b8c-6f6a-4a43-9e23-2d1c7a2b9c11 Timestamp: 2026-05-04 10:12:44Z`,
              error_codes: [7000215],
              timestamp: '2026-05-04 10:12:44Z',
              trace_id: '0b7e5d39-2f0a-4c55-9d3c-1f0c6a3b7e00',
              correlation_id: '5f0e1b8c-6f6a-4a43-9e23-2d1c7a2b9c11',
              error_uri: `${MOCK_AUTHORITY_HOST}/error?code=7000215`,
            },
            { status: 401 },
          );
        }

        issued += 1;
        return HttpResponse.json({
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: `access-token-${tenantId}-${clientId}-${issued}`,
        });
      },
    ),
  ];
}
