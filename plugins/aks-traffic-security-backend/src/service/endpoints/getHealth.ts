import { Router } from 'express';
import { HealthResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** Binds `GET /health`, the only route that needs no credentials. */
export function bindGetHealthEndpoint(router: Router): void {
  router.get('/health', (_req, res) => {
    const response: HealthResponse = { status: 'ok' };
    res.json(response);
  });
}
