import { Router } from 'express';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { entityPathSchema, historyPageSchema } from './schemas';

/** Binds `GET /entities/:kind/:namespace/:name/history`. */
export function bindGetEntityHistoryEndpoint(
  router: Router,
  services: Pick<EndpointServices, 'httpAuth' | 'assessments'>,
): void {
  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await services.httpAuth.credentials(req);
    const entity = parseRequest(entityPathSchema, req.params, 'path');
    const page = parseRequest(historyPageSchema, req.query, 'query');

    const response = await services.assessments.getHistory(
      entity,
      page,
      credentials,
    );

    res.json(response);
  });
}
