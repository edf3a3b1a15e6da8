export { VerdictStatus, VERDICT_LABELS } from './VerdictStatus';
