import { CheckReport } from './CheckReport';

/**
 * Formats a report as JSON: the overall verdict, the flows, every check
 * with its evidence and the input locations it names, and the files that
 * were not read. Each check result names its check `checkId`, as the REST
 * API's assessments do.
 *
 * @public
 */
export function formatJson(report: CheckReport): string {
  const { assessment } = report;

  const output = {
    evaluatedAt: assessment.evaluatedAt,
    verdict: assessment.verdict,
    counts: assessment.counts,
    flows: assessment.flows,
    checks: assessment.checks.map(check => ({
      checkId: check.checkId,
      flow: check.flow,
      verdict: check.verdict,
      severity: check.severity,
      level: check.level,
      title: check.title,
      reason: check.reason,
      message: check.message,
      evidence: check.evidence,
      locations: report.locator.locate(check),
      remediation: check.remediation,
      documentationUrl: check.documentationUrl,
    })),
    input: {
      resources: report.resourceCount,
      files: report.files,
      failures: report.readFailures,
    },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
