import { Router } from 'express';
import {
  ALL_CHECKS,
  CheckCatalogResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { parseRequest } from './parseRequest';
import { noQuerySchema } from './schemas';
import { EndpointServices } from './types';

/** Binds `GET /checks`, the check catalog. */
export function bindGetChecksEndpoint(
  router: Router,
  services: Pick<EndpointServices, 'httpAuth'>,
): void {
  router.get('/checks', async (req, res) => {
    await services.httpAuth.credentials(req);
    parseRequest(noQuerySchema, req.query, 'query');

    const response: CheckCatalogResponse = {
      checks: ALL_CHECKS.map(check => ({
        id: check.id,
        flow: check.flow,
        severity: check.severity,
        level: check.level,
        title: check.title,
        why: check.why,
        remediation: check.remediation,
        documentationUrl: check.documentationUrl,
      })),
    };

    res.json(response);
  });
}
