import { HttpAuthService } from '@backstage/backend-plugin-api';
import { EntityAssessmentService } from '../EntityAssessmentService';
import { FleetService } from '../FleetService';

/** The services the endpoint handlers call. */
export interface EndpointServices {
  httpAuth: HttpAuthService;
  assessments: EntityAssessmentService;
  fleet: FleetService;
}
