import {
  CheckResult,
  FLOW_LABELS,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { CheckReport } from './CheckReport';

/**
 * Formats a report as plain-text tables, one per flow, each headed by the
 * flow's status and followed by every check of the flow.
 *
 * @public
 */
export function formatTable(report: CheckReport): string {
  const { assessment } = report;
  const lines: string[] = [
    `AKS traffic security: ${assessment.verdict.toUpperCase()} (${describeCounts(
      assessment.counts,
    )})`,
    `Read ${report.resourceCount} resources from ${report.files.length} files.`,
  ];

  const idWidth = Math.max(
    5,
    ...assessment.checks.map(check => check.checkId.length),
  );
  for (const flow of assessment.flows) {
    const checks = assessment.checks.filter(check => check.flow === flow.flow);
    lines.push(
      '',
      `${
        FLOW_LABELS[flow.flow]
      }: ${flow.verdict.toUpperCase()} (${describeCounts(flow.counts)})`,
    );
    if (checks.length === 0) {
      lines.push('  No checks were run for this flow.');
      continue;
    }

    lines.push(row('VERDICT', 'FLOW', 'SEVERITY', 'CHECK', 'MESSAGE', idWidth));
    for (const check of checks) {
      lines.push(
        row(
          check.verdict,
          check.flow,
          check.severity,
          check.checkId,
          oneLine(check),
          idWidth,
        ),
      );
    }
  }

  if (report.readFailures.length > 0) {
    lines.push('', 'Files not read as resources:');
    for (const failure of report.readFailures) {
      lines.push(`  ${failure.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function row(
  verdict: string,
  flow: string,
  severity: string,
  id: string,
  message: string,
  idWidth: number,
): string {
  return `  ${verdict.padEnd(14)}  ${flow.padEnd(10)}  ${severity.padEnd(
    8,
  )}  ${id.padEnd(idWidth)}  ${message}`;
}

function oneLine(check: CheckResult): string {
  return check.message.replace(/\s+/g, ' ').trim();
}

/** Describes verdict counts, such as `12 checks: 2 fail, 10 pass`. */
export function describeCounts(counts: VerdictCounts): string {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const parts = (['fail', 'unknown', 'warn', 'pass', 'not-applicable'] as const)
    .filter(verdict => counts[verdict] > 0)
    .map(verdict => `${counts[verdict]} ${verdict}`);
  return `${total} checks${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}
