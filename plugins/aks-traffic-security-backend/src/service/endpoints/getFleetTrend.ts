import { Router } from 'express';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { fleetTrendQuerySchema } from './schemas';
import { toFleetFilter } from './toFleetQuery';

/** Binds `GET /fleet/trend`, the failing checks per day of the matching fleet. */
export function bindGetFleetTrendEndpoint(
  router: Router,
  services: Pick<EndpointServices, 'httpAuth' | 'fleet'>,
): void {
  router.get('/fleet/trend', async (req, res) => {
    const credentials = await services.httpAuth.credentials(req);
    const params = parseRequest(fleetTrendQuerySchema, req.query, 'query');

    const response = await services.fleet.getTrend(
      { ...toFleetFilter(params), days: params.days },
      credentials,
    );

    res.json(response);
  });
}
