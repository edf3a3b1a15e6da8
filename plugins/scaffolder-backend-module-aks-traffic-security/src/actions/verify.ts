import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AuthService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  findCheck,
  RepositoryCheckResult,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  findKeyVaultMismatches,
  findWafPolicyMismatches,
} from '@aks-traffic-security/plugin-aks-traffic-security-node';
import { requireLocalPublishDirectory } from '../localPublishing';
import { evaluateWorkspace } from '../gate/evaluateWorkspace';
import {
  FailOn,
  GateRules,
  isBlocking,
  summarizeGate,
} from '../gate/summarizeGate';
import { validateTemplateInputs } from '../gate/validateTemplateInputs';
import { findScopeMismatches } from '../gate/findScopeMismatches';
import { assertServiceIsNew } from '../gate/assertServiceIsNew';
import { examples } from './verify.examples';

/**
 * Creates the `aks-traffic-security:verify` action: the pre-publish gate that
 * evaluates the rendered service with the traffic security checks and fails
 * the task when a check fails or the catalog already contains the service.
 *
 * @public
 */
export function createVerifyAction(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { config, catalog, auth } = options;

  return createTemplateAction({
    id: 'aks-traffic-security:verify',
    description:
      'Re-validates the template inputs, checks that the catalog does not have the service yet, evaluates the rendered Kubernetes manifests and Application Gateway JSON with the traffic security checks, and fails the task listing every failing check and its fix.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe(
              'Workspace folder that holds the rendered service, relative to the workspace. Defaults to the workspace itself.',
            )
            .optional(),
        failOn: z =>
          z
            .string()
            .describe(
              'The verdict that fails the gate: `fail` (the default), or `unknown` to also fail on checks the repository should decide but could not decide.',
            )
            .optional(),
        requirePass: z =>
          z
            .array(z.string())
            .describe(
              'Ids of checks that must pass or be not applicable; a warning or an unknown verdict on one of them also fails the gate. Use it to make advisory checks mandatory.',
            )
            .optional(),
        deployedGatewayProperties: z =>
          z
            .array(z.string())
            .describe(
              'The keys of `properties` in the gateway file that the deployment sends to the live gateway, when it merges only some of them. The gate then rejects any other setting in the file, because it would judge a value the gateway never gets. Without it, the whole file is judged as deployed.',
            )
            .optional(),
        name: z =>
          z
            .string()
            .describe('Service name, a DNS label (RFC 1035).')
            .optional(),
        owner: z => z.string().describe('Owner entity reference.').optional(),
        system: z => z.string().describe('System entity reference.').optional(),
        description: z =>
          z.string().describe('One-line description.').optional(),
        hostName: z =>
          z.string().describe('Public host name (FQDN).').optional(),
        clusterId: z =>
          z.string().describe('ARM id of the AKS cluster.').optional(),
        namespace: z => z.string().describe('Kubernetes namespace.').optional(),
        controllerNamespace: z =>
          z
            .string()
            .describe(
              'Namespace of the ingress controller that the rendered network policies admit. The gate rejects it as the service namespace, as it rejects the kube-*, aks-istio-* and default namespaces.',
            )
            .optional(),
        applicationGatewayId: z =>
          z.string().describe('ARM id of the Application Gateway.').optional(),
        wafPolicyId: z =>
          z.string().describe('ARM id of the WAF policy.').optional(),
        internalDomainSuffix: z =>
          z
            .string()
            .describe('Private DNS suffix of the internal hop.')
            .optional(),
        keyVaultName: z => z.string().describe('Key Vault name.').optional(),
        tenantId: z =>
          z.string().describe('Tenant id of the Key Vault (GUID).').optional(),
        workloadIdentityClientId: z =>
          z
            .string()
            .describe('Client id of the workload identity (GUID).')
            .optional(),
        publicCertificateName: z =>
          z
            .string()
            .describe('Key Vault certificate of the public host.')
            .optional(),
        internalCertificateName: z =>
          z
            .string()
            .describe('Key Vault certificate of the internal hop.')
            .optional(),
        trustedRootCertificateName: z =>
          z
            .string()
            .describe('Key Vault secret with the internal root certificate.')
            .optional(),
        entryPoint: z =>
          z.string().describe('`traefik-ingress` or `gateway-api`.').optional(),
        gatewayImplementation: z =>
          z.string().describe('`traefik` or `app-routing`.').optional(),
        tlsToPod: z =>
          z
            .boolean()
            .describe('Whether TLS runs from the entry point to the pods.')
            .optional(),
        publishTarget: z =>
          z.string().describe('`github`, `azure` or `local`.').optional(),
      },
      output: {
        passed: z => z.boolean().describe('True when the gate passed.'),
        summary: z =>
          z
            .object({
              passed: z.boolean(),
              failOn: z.enum(['fail', 'unknown']),
              verdict: z.string(),
              counts: z.record(z.number()),
              needsLiveData: z.number(),
              flows: z.record(
                z.object({ verdict: z.string(), counts: z.record(z.number()) }),
              ),
              blocking: z.array(z.string()),
            })
            .describe(
              'Checks per verdict and per flow, the number left for the live resources, and the ids of the checks that failed the gate.',
            ),
      },
    },
    async handler(ctx) {
      const {
        path: folder,
        failOn: requestedFailOn,
        requirePass,
        deployedGatewayProperties,
        ...templateInputs
      } = ctx.input;

      validateTemplateInputs({ ...templateInputs, failOn: requestedFailOn });
      const rules: GateRules = {
        failOn: (requestedFailOn ?? 'fail') as FailOn,
        requirePass: new Set(validateRequiredChecks(requirePass)),
      };
      const localPublishDirectory =
        templateInputs.publishTarget === 'local'
          ? requireLocalPublishDirectory(config)
          : undefined;

      // The gate only reads the workspace, so a dry run evaluates it in full.
      if (ctx.isDryRun) {
        ctx.logger.info(
          'Dry run: evaluating the rendered service; nothing is published',
        );
      }

      const workspacePath = resolveSafeChildPath(
        ctx.workspacePath,
        folder ?? '.',
      );
      const evaluation = await evaluateWorkspace({
        workspacePath,
        deployedGatewayProperties,
      });

      const mismatches = [
        ...findScopeMismatches(templateInputs, evaluation.entity),
        ...findWafPolicyMismatches(
          templateInputs.wafPolicyId,
          evaluation.resourceSet,
        ),
        ...findKeyVaultMismatches(templateInputs, evaluation.resourceSet),
      ];
      if (mismatches.length > 0) {
        throw new InputError(
          `The rendered files do not describe the requested service:\n${mismatches.join(
            '\n',
          )}`,
        );
      }
      // The check uses the plugin's own credentials, so that it also finds
      // entities that the user who runs the task may not read.
      await assertServiceIsNew({
        entity: evaluation.entity,
        catalog,
        credentials: await auth.getOwnServiceCredentials(),
        localPublishDirectory,
      });

      const problems = evaluation.problems;
      if (problems.length > 0) {
        throw new Error(
          `Traffic security gate failed: ${
            problems.length
          } problem(s) in the rendered files must be fixed before publishing:\n${problems
            .map(problem => `- ${problem}`)
            .join('\n')}`,
        );
      }
      if (evaluation.readFailures.length > 0) {
        const failures = evaluation.readFailures.map(
          failure => `- ${failure.message}`,
        );
        throw new Error(
          `Traffic security gate failed: ${
            failures.length
          } rendered file(s) could not be read, so their resources cannot be checked:\n${failures.join(
            '\n',
          )}`,
        );
      }

      for (const result of evaluation.results) {
        logResult(ctx.logger, result, rules);
      }

      const summary = summarizeGate(evaluation.results, rules);
      ctx.logger.info('Traffic security gate evaluated the rendered service', {
        passed: summary.passed,
        ...summary.counts,
        needsLiveData: summary.needsLiveData,
      });
      ctx.output('passed', summary.passed);
      ctx.output('summary', summary);

      if (!summary.passed) {
        const blocking = evaluation.results.filter(result =>
          isBlocking(result, rules),
        );
        throw new Error(
          `Traffic security gate failed: ${
            blocking.length
          } check(s) must be fixed before publishing:\n${blocking
            .map(formatBlocking)
            .join('\n')}`,
        );
      }
    },
  });
}

/** Returns the check ids of the `requirePass` input, rejecting unknown ids. */
function validateRequiredChecks(requirePass: unknown): string[] {
  if (requirePass === undefined) {
    return [];
  }
  if (
    !Array.isArray(requirePass) ||
    requirePass.some(id => typeof id !== 'string')
  ) {
    throw new InputError(
      `Invalid input 'requirePass': expected a list of check ids such as pod.k8s.default-deny`,
    );
  }
  const unknownIds = requirePass.filter(id => !findCheck(id));
  if (unknownIds.length > 0) {
    throw new InputError(
      `Invalid input 'requirePass': ${unknownIds
        .map(id => `'${String(id).slice(0, 80)}'`)
        .join(
          ', ',
        )} is not a check id; expected ids of the check catalog such as pod.k8s.default-deny`,
    );
  }
  return requirePass;
}

function logResult(
  logger: { info(message: string): void; warn(message: string): void },
  result: RepositoryCheckResult,
  rules: GateRules,
) {
  const line = `${result.verdict.toUpperCase()} ${result.checkId}: ${
    result.message
  }`;
  if (isBlocking(result, rules)) {
    logger.warn(line);
  } else {
    logger.info(line);
  }
}

function formatBlocking(result: RepositoryCheckResult): string {
  return `- ${result.checkId} (${result.verdict}, ${result.severity}): ${result.message}\n  Fix: ${result.remediation}`;
}
