import {
  CheckResult,
  findCheck,
  Severity,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { CheckReport } from './CheckReport';
import { SourceLocation } from './resourceLocations';

/** The name of the tool in SARIF output. @public */
export const SARIF_TOOL_NAME = 'aks-traffic-security';

/**
 * GitHub code scanning reads `security-severity` as a score from 0.1 to 10
 * and ranks it as critical above 9.0, high from 7.0, medium from 4.0 and low
 * below (GitHub Docs, "SARIF support for code scanning").
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/** Verdicts reported as results, with their SARIF level. `pass` and `not-applicable` are not reported. */
const RESULT_LEVELS: Partial<Record<Verdict, 'error' | 'warning' | 'note'>> = {
  fail: 'error',
  warn: 'warning',
  unknown: 'note',
};

/**
 * Formats a report as a SARIF 2.1.0 log for GitHub code scanning and Azure
 * DevOps. Every check is a rule. Every check that fails, warns or cannot be
 * judged is a result, located in the file of a resource that its evidence
 * names. GitHub rejects results without a location, so a result whose
 * evidence names no file that was read (a resource missing altogether) is
 * located at line 1 of the first file read.
 *
 * @public
 */
export function formatSarif(report: CheckReport): string {
  const { assessment } = report;
  const rules = assessment.checks.map(sarifRule);
  const fallback: SourceLocation | undefined = report.files[0]
    ? { file: report.files[0], line: 1 }
    : undefined;

  const results = assessment.checks.flatMap((check, ruleIndex) => {
    const level = RESULT_LEVELS[check.verdict];
    if (!level) {
      return [];
    }

    const found = report.locator.locate(check);
    let locations = found;
    if (locations.length === 0 && fallback) {
      locations = [fallback];
    }
    return [
      {
        ruleId: check.checkId,
        ruleIndex,
        level,
        message: { text: check.message },
        locations: locations.map(physicalLocation),
        properties: {
          verdict: check.verdict,
          flow: check.flow,
          severity: check.severity,
          ...(check.reason ? { reason: check.reason } : {}),
          ...(found.length === 0 ? { locatedAtFallback: true } : {}),
        },
      },
    ];
  });

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.readFailures.map(failure => ({
              level: 'warning',
              message: { text: failure.message },
              locations: [physicalLocation({ file: failure.target, line: 1 })],
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(check: CheckResult) {
  const rationale = findCheck(check.checkId)?.why ?? check.title;

  return {
    id: check.checkId,
    name: ruleName(check.checkId),
    shortDescription: { text: check.title },
    fullDescription: { text: rationale },
    help: {
      text: `${rationale}\n\nRemediation: ${check.remediation}\n\nDocumentation: ${check.documentationUrl}`,
      markdown: `${rationale}\n\n**Remediation:** ${check.remediation}\n\n[Documentation](${check.documentationUrl})`,
    },
    helpUri: check.documentationUrl,
    defaultConfiguration: {
      level: check.level === 'advisory' ? 'warning' : 'error',
    },
    properties: {
      'security-severity': SECURITY_SEVERITY[check.severity],
      precision: 'high',
      tags: ['security', `flow:${check.flow}`, `level:${check.level}`],
    },
  };
}

/** `ingress.appgw.sku-waf-v2` becomes `IngressAppgwSkuWafV2`. */
function ruleName(id: string): string {
  return id
    .split(/[.-]/)
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function physicalLocation(location: SourceLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUri(location.file) },
      region: { startLine: location.line },
    },
  };
}

/** Percent-encodes the characters a URI reference may not contain, keeping `/`. */
function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
