import { Router } from 'express';
import { EndpointServices } from './types';
import { parseRequest } from './parseRequest';
import { entityPathSchema, noQuerySchema } from './schemas';

/** Binds `GET /entities/:kind/:namespace/:name/assessment`. */
export function bindGetEntityAssessmentEndpoint(
  router: Router,
  services: Pick<EndpointServices, 'httpAuth' | 'assessments'>,
): void {
  router.get(
    '/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const credentials = await services.httpAuth.credentials(req);
      const entity = parseRequest(entityPathSchema, req.params, 'path');
      parseRequest(noQuerySchema, req.query, 'query');

      const json = await services.assessments.getAssessmentJson(
        entity,
        credentials,
      );

      // The body is JSON already, so it gets the headers `res.json` sets.
      res.set('Content-Type', 'application/json');
      res.send(json);
    },
  );
}
