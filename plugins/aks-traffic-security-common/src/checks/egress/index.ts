import { CheckDefinition } from '../types';

export const egressChecks: CheckDefinition[] = [];
