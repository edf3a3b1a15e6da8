import { HttpAuthService } from '@backstage/backend-plugin-api';
import { EntityAssessmentService } from '../EntityAssessmentService';
import { FleetService } from '../FleetService';
import { RefreshRateLimiter } from '../RefreshRateLimiter';

/** The services the endpoint handlers call. */
export interface EndpointServices {
  httpAuth: HttpAuthService;
  assessments: EntityAssessmentService;
  fleet: FleetService;
  /** Limits on-demand refreshes per caller; without it they are not limited. */
  refreshRateLimiter?: RefreshRateLimiter;
}
