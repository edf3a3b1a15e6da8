import { CheckDefinition } from '../types';
import { apiServerExposure } from './apiServerExposure';

export const managementChecks: CheckDefinition[] = [apiServerExposure];
