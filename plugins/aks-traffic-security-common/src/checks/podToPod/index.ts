import { CheckDefinition } from '../types';

export const podToPodChecks: CheckDefinition[] = [];
