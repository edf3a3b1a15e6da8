import { Router } from 'express';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { entityPathSchema, noQuerySchema } from './schemas';

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
    const waitMs = services.refreshRateLimiter?.take(caller) ?? 0;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      res
        .status(429)
        .set('Retry-After', String(seconds))
        .json({
          error: {
            name: 'TooManyRequestsError',
            message: `Too many refresh requests from '${caller}': at most ${
              services.refreshRateLimiter!.maxRequests
            } per ${
              services.refreshRateLimiter!.windowMs / 1000
            } s; retry in ${seconds} s`,
          },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 429 },
        });
      return;
    }

    const response = await services.assessments.refresh(entity, credentials);

    res.json(response);
  });
}
