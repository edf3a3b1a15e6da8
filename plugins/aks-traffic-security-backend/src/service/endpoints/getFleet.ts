import { Router } from 'express';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { fleetQuerySchema } from './schemas';
import { toFleetQuery } from './toFleetQuery';

/** Binds `GET /fleet`. */
export function bindGetFleetEndpoint(
  router: Router,
  services: Pick<EndpointServices, 'httpAuth' | 'fleet'>,
): void {
  router.get('/fleet', async (req, res) => {
    const credentials = await services.httpAuth.credentials(req);
    const params = parseRequest(fleetQuerySchema, req.query, 'query');

    const response = await services.fleet.getFleet(
      { ...toFleetQuery(params), limit: params.limit, offset: params.offset },
      credentials,
    );

    res.json(response);
  });
}
