import { Router } from 'express';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { entityPathSchema } from './schemas';

/** Binds `POST /entities/:kind/:namespace/:name/refresh`. */
export function bindRefreshEntityEndpoint(
  router: Router,
  services: Pick<EndpointServices, 'httpAuth' | 'assessments'>,
): void {
  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await services.httpAuth.credentials(req);
    const entity = parseRequest(entityPathSchema, req.params, 'path');

    const response = await services.assessments.refresh(entity, credentials);

    res.json(response);
  });
}
