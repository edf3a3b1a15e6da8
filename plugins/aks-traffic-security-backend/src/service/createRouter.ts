import Router from 'express-promise-router';
import { Router as ExpressRouter } from 'express';
import { bindUnmatchedRequests } from './endpoints/bindUnmatchedRequests';
import { bindExportFleetEndpoint } from './endpoints/exportFleet';
import { bindGetChecksEndpoint } from './endpoints/getChecks';
import { bindGetEntityAssessmentEndpoint } from './endpoints/getEntityAssessment';
import { bindGetEntityHistoryEndpoint } from './endpoints/getEntityHistory';
import { bindGetFleetEndpoint } from './endpoints/getFleet';
import { bindGetFleetTrendEndpoint } from './endpoints/getFleetTrend';
import { bindGetHealthEndpoint } from './endpoints/getHealth';
import { bindRefreshEntityEndpoint } from './endpoints/refreshEntity';
import { EndpointServices } from './endpoints/types';

/**
 * Creates the plugin's router. Errors thrown by the handlers, such as
 * `InputError` and `NotFoundError`, become responses in the backend's error
 * middleware. Requests that match no route get a JSON 404 or 405.
 */
export function createRouter(services: EndpointServices): ExpressRouter {
  const router = Router();

  bindGetHealthEndpoint(router);
  bindGetChecksEndpoint(router, services);
  bindGetEntityAssessmentEndpoint(router, services);
  bindGetEntityHistoryEndpoint(router, services);
  bindRefreshEntityEndpoint(router, services);
  bindGetFleetEndpoint(router, services);
  bindGetFleetTrendEndpoint(router, services);
  bindExportFleetEndpoint(router, services);
  bindUnmatchedRequests(router);

  return router;
}
