import { CheckDefinition } from '../types';

export const ingressChecks: CheckDefinition[] = [];
