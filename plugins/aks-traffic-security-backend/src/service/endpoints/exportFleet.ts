import { Router } from 'express';
import { formatFleetCsv } from '../formatFleetCsv';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { fleetExportQuerySchema } from './schemas';
import { toFleetQuery } from './toFleetQuery';

/** Binds `GET /fleet/export`, which downloads every matching fleet entry. */
export function bindExportFleetEndpoint(
  router: Router,
  services: Pick<EndpointServices, 'httpAuth' | 'fleet'>,
): void {
  router.get('/fleet/export', async (req, res) => {
    const credentials = await services.httpAuth.credentials(req);
    const params = parseRequest(fleetExportQuerySchema, req.query, 'query');

    const entries = await services.fleet.exportFleet(
      toFleetQuery(params),
      credentials,
    );

    const fileName = `aks-traffic-security-fleet.${params.format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    if (params.format === 'csv') {
      res.type('text/csv').send(formatFleetCsv(entries));
    } else {
      res.json({ items: entries });
    }
  });
}
