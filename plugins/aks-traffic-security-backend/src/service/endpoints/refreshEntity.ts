import { Router } from 'express';
import { EntityRefreshResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { sendErrorResponse } from './sendErrorResponse';
import { entityPathSchema, noQuerySchema } from './schemas';

/** Stops a refresh that the caller's rate limit does not allow yet. */
class RefreshLimitReached extends Error {
  constructor(
    /** Milliseconds until the caller may refresh again. */
    readonly waitMs: number,
  ) {
    super(`Refresh rate limit reached; retry in ${waitMs} ms`);
  }
}

/** Binds `POST /entities/:kind/:namespace/:name/refresh`. */
export function bindRefreshEntityEndpoint(
  router: Router,
  services: Pick<
    EndpointServices,
    'httpAuth' | 'assessments' | 'refreshRateLimiter'
  >,
): void {
  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await services.httpAuth.credentials(req);
    const entity = parseRequest(entityPathSchema, req.params, 'path');
    parseRequest(noQuerySchema, req.query, 'query');

    // A user is limited by its entity ref, a service by its subject.
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    const caller =
      principal.userEntityRef ?? `${principal.type}:${principal.subject ?? ''}`;

    // The limiter counts a refresh only once the entity is found and the
    // caller may refresh it, so a request that fails earlier costs nothing.
    const limiter = services.refreshRateLimiter;
    let response: EntityRefreshResponse;
    try {
      response = await services.assessments.refresh(entity, credentials, {
        beforeRefresh: () => {
          const waitMs = limiter?.take(caller) ?? 0;
          if (waitMs > 0) {
            throw new RefreshLimitReached(waitMs);
          }
        },
      });
    } catch (error) {
      if (!(error instanceof RefreshLimitReached)) {
        throw error;
      }

      const seconds = Math.ceil(error.waitMs / 1000);
      res.set('Retry-After', String(seconds));
      sendErrorResponse(req, res, {
        statusCode: 429,
        name: 'TooManyRequestsError',
        message: `Too many refresh requests from '${caller}': at most ${
          limiter!.maxRequests
        } per ${limiter!.windowMs / 1000} s; retry in ${seconds} s`,
      });
      return;
    }

    res.json(response);
  });
}
