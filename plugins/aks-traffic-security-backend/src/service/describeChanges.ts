import {
  AssessmentChanges,
  CheckChange,
  findCheck,
  FLOWS,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { HistoryRecord } from '../database/AssessmentStore';

/**
 * Lists what changed from one assessment to the next: the overall verdict,
 * the flow verdicts and every check whose verdict changed, appeared or
 * disappeared, in the order of the later assessment.
 */
export function describeChanges(
  current: HistoryRecord,
  previous: HistoryRecord,
): AssessmentChanges {
  const flows: AssessmentChanges['flows'] = {};
  for (const flow of FLOWS) {
    if (current.flows[flow] !== previous.flows[flow]) {
      flows[flow] = previous.flows[flow];
    }
  }

  const checks: CheckChange[] = [];
  for (const [checkId, to] of Object.entries(current.checks)) {
    const from = previous.checks[checkId];
    if (from !== to) {
      checks.push({ checkId, title: findCheck(checkId)?.title, from, to });
    }
  }
  for (const [checkId, from] of Object.entries(previous.checks)) {
    if (!(checkId in current.checks)) {
      checks.push({ checkId, title: findCheck(checkId)?.title, from });
    }
  }

  return {
    previousVerdict:
      current.verdict !== previous.verdict ? previous.verdict : undefined,
    flows,
    checks,
  };
}
