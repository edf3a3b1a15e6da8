import {
  Evidence,
  JsonValue,
  KubernetesResource,
  Verdict,
} from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { worstVerdict } from '../../../evaluator/verdicts';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome, notApplicable } from '../../outcomes';
import { parseBoolean } from '../../../resources/json';
import { annotation, isInNamespace, objectRef } from './kubernetesObjects';
import { EntryPoint, readEntryPoints } from './entryPoints';
import { ControllerWorkload, controllerWorkloads } from './ingressControllers';
import {
  allTlsOptions,
  DEFAULT_TLS_OPTION,
  entryPointTlsOption,
  hasTraefikConfiguration,
  readTraefikConfiguration,
  resolveTlsOption,
  TRAEFIK_DEFAULT_MIN_VERSION,
  TraefikConfiguration,
  TraefikTlsOption,
} from './traefikConfig';
import {
  configMapValue,
  ianaCipherName,
  NGINX_DEFAULT_SSL_PROTOCOLS,
  NGINX_WEAK_PROTOCOLS,
  nginxConfigSource,
} from './nginxConfig';

const TLS_OPTIONS_ANNOTATION =
  'traefik.ingress.kubernetes.io/router.tls.options';
const ENTRYPOINTS_ANNOTATION =
  'traefik.ingress.kubernetes.io/router.entrypoints';
const NGINX_CIPHERS_ANNOTATION = 'nginx.ingress.kubernetes.io/ssl-ciphers';

/** Traefik's `minVersion` values and the TLS version each stands for. */
const TRAEFIK_VERSIONS: Record<string, number> = {
  VersionTLS10: 1.0,
  VersionTLS11: 1.1,
  VersionTLS12: 1.2,
  VersionTLS13: 1.3,
};

export const controllerTlsOptions: CheckDefinition = {
  id: 'ingress.k8s.controller-tls-options',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title:
    'The ingress controller accepts only TLS 1.2 or later, with strict SNI and pinned cipher suites.',
  why: 'The hop from the Application Gateway to the ingress controller must meet the same bar as the public listener: TLS 1.2 or later, approved cipher suites and, for Traefik, strict SNI.',
  remediation:
    'Traefik: `[tls.options.default] minVersion = "VersionTLS12"`, `sniStrict = true`, `cipherSuites = [...]` (or the same in a `TLSOption`). ingress-nginx: ConfigMap `ssl-protocols: "TLSv1.2 TLSv1.3"` and `ssl-ciphers` with approved suites only.',
  documentationUrl:
    'https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks',
  evaluate(context) {
    const entryPoints = readEntryPoints(context);
    if (!entryPoints.found) {
      return entryPoints.outcome;
    }

    const traefik = readTraefikConfiguration(context);
    const elements = entryPoints.value.ingresses.flatMap(entry =>
      evaluateIngress(entry, traefik, context),
    );
    if (elements.length > 0) {
      return combineElements(elements, '');
    }

    const namespaceElements = evaluateNamespaceConfig(traefik, context);
    return namespaceElements.length > 0
      ? combineElements(namespaceElements, '')
      : notApplicable(
          'No in-cluster ingress controller configuration serves the namespace (for example, the Application Gateway Ingress Controller).',
        );
  },
};

function evaluateIngress(
  entry: EntryPoint,
  traefik: TraefikConfiguration,
  context: EvaluationContext,
): ElementOutcome[] {
  const element = objectRef(entry.resource, context);
  switch (entry.identity.kind) {
    case undefined:
      return [
        {
          element,
          verdict: 'unknown',
          reason: 'unidentified-controller',
          message: `The controller that serves ${element} cannot be identified, so its TLS settings cannot be judged.`,
          evidence: [entry.identity.evidence],
        },
      ];
    case 'traefik':
      return [evaluateTraefikRouter(entry.resource, element, traefik, context)];
    case 'ingress-nginx':
    case 'app-routing-nginx':
      return [evaluateNginx(entry, element, context)];
    default:
      // AGIC and Application Gateway for Containers terminate TLS outside the cluster.
      return [];
  }
}

/**
 * Finds the TLS option a Traefik router uses: the Ingress's
 * `router.tls.options` annotation, else the option of its entry point
 * (`entryPoints.<name>.http.tls.options`), else `default`.
 */
function evaluateTraefikRouter(
  ingress: KubernetesResource,
  element: string,
  traefik: TraefikConfiguration,
  context: EvaluationContext,
): ElementOutcome {
  const entryPoints = (annotation(ingress, ENTRYPOINTS_ANNOTATION) ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(name => name.length > 0);
  const reference =
    annotation(ingress, TLS_OPTIONS_ANNOTATION) ??
    entryPoints.map(name => entryPointTlsOption(name, traefik)).find(Boolean) ??
    DEFAULT_TLS_OPTION;
  const referenceEvidence: Evidence = {
    resource: element,
    path: `metadata.annotations["${TLS_OPTIONS_ANNOTATION}"]`,
    observed: annotation(ingress, TLS_OPTIONS_ANNOTATION) ?? null,
    note: `the router uses TLS option ${reference}`,
  };

  if (!hasTraefikConfiguration(traefik)) {
    return {
      element,
      verdict: 'unknown',
      reason: 'missing-resource',
      message: `${element} is served by Traefik, but no Traefik configuration (ConfigMap or TLSOption) was read.`,
      evidence: [referenceEvidence],
    };
  }

  const resolution = resolveTlsOption(reference, traefik, context);
  if (resolution.status === 'found') {
    const outcomes = resolution.options.map(option =>
      evaluateTraefikOption(option, context),
    );
    return mergeOutcomes(element, outcomes, [referenceEvidence]);
  }
  if (traefik.errors.length > 0) {
    return {
      element,
      verdict: 'unknown',
      reason: 'invalid-document',
      message: `TLS option ${reference} was not found, and a Traefik configuration could not be parsed: ${traefik.errors[0].message}`,
      evidence: [
        referenceEvidence,
        ...traefik.errors.map(error => ({
          resource: objectRef(error.configMap, context),
          path: `data["${error.key}"]`,
          note: error.message,
        })),
      ],
    };
  }
  if (resolution.status === 'built-in-default') {
    const outcome = evaluateTraefikOption(undefined, context);
    return mergeOutcomes(element, [outcome], [referenceEvidence]);
  }
  return {
    element,
    verdict: 'unknown',
    reason: 'unresolved-reference',
    message: `${element} uses TLS option ${reference}, which was not found: ${resolution.note}.`,
    evidence: [referenceEvidence],
  };
}

interface SettingOutcome {
  verdict: Verdict;
  reason?: string;
  problems: string[];
  evidence: Evidence[];
}

/**
 * Judges one Traefik TLS option, or Traefik's built-in default when
 * `option` is `undefined`: minimum version VersionTLS12, `sniStrict` false
 * and Go's default cipher suites.
 */
function evaluateTraefikOption(
  option: TraefikTlsOption | undefined,
  context: EvaluationContext,
): SettingOutcome {
  const resource = option
    ? objectRef(option.source, context)
    : 'Traefik built-in default TLS option';
  const base = option?.path ?? 'tls.options.default';
  const minVersion =
    typeof option?.minVersion === 'string' ? option.minVersion : undefined;
  const effectiveVersion = minVersion ?? TRAEFIK_DEFAULT_MIN_VERSION;
  const version = TRAEFIK_VERSIONS[effectiveVersion];
  const sniStrict = parseBoolean(option?.sniStrict);

  const outcome: SettingOutcome = {
    verdict: 'pass',
    problems: [],
    evidence: [
      {
        resource,
        path: `${base}.minVersion`,
        observed: option?.minVersion ?? null,
        expected: ['VersionTLS12', 'VersionTLS13'],
        note: minVersion
          ? undefined
          : `unset: Traefik uses ${TRAEFIK_DEFAULT_MIN_VERSION}`,
      },
      {
        resource,
        path: `${base}.sniStrict`,
        observed: option?.sniStrict ?? null,
        expected: true,
      },
    ],
  };

  if (version === undefined) {
    addProblem(
      outcome,
      'warn',
      'unrecognised-min-version',
      `minVersion ${effectiveVersion} is not a Traefik TLS version`,
    );
  } else if (version < 1.2) {
    addProblem(
      outcome,
      'fail',
      undefined,
      `minVersion ${effectiveVersion} allows TLS older than 1.2`,
    );
  }
  if (sniStrict !== true) {
    addProblem(
      outcome,
      'fail',
      undefined,
      'sniStrict is not true, so clients without a matching SNI get the default certificate',
    );
  }

  const suites = stringList(option?.cipherSuites);
  outcome.evidence.push({
    resource,
    path: `${base}.cipherSuites`,
    observed: option?.cipherSuites ?? null,
    expected: 'approved suites only',
  });
  if (version === 1.3) {
    // TLS 1.3 suites are not configurable and are all AEAD.
    return outcome;
  }
  checkCipherSuites(outcome, suites, context);
  return outcome;
}

function evaluateNginx(
  entry: EntryPoint,
  element: string,
  context: EvaluationContext,
  controller?: ControllerWorkload,
): ElementOutcome {
  const source = nginxConfigSource(entry.identity.kind!, context, controller);
  if (!source.found) {
    return { element, ...source.outcome };
  }

  const resource = source.configMap
    ? objectRef(source.configMap, context)
    : objectRef(source.controller!.workload, context);
  const protocols = configMapValue(source.configMap, 'ssl-protocols');
  const tokens = (protocols ?? NGINX_DEFAULT_SSL_PROTOCOLS)
    .split(/\s+/)
    .filter(Boolean);
  const outcome: SettingOutcome = {
    verdict: 'pass',
    problems: [],
    evidence: [
      {
        resource,
        path: 'data["ssl-protocols"]',
        observed: protocols ?? null,
        expected: 'TLSv1.2 and TLSv1.3 only',
        note: protocols
          ? source.note
          : `unset: ingress-nginx uses "${NGINX_DEFAULT_SSL_PROTOCOLS}"`,
      },
    ],
  };

  const weak = tokens.filter(token => NGINX_WEAK_PROTOCOLS.includes(token));
  if (weak.length > 0) {
    addProblem(
      outcome,
      'fail',
      undefined,
      `ssl-protocols enables ${weak.join(', ')}`,
    );
  }

  if (tokens.length > 0 && tokens.every(token => token === 'TLSv1.3')) {
    return mergeOutcomes(element, [outcome], []);
  }
  const ingressCiphers = annotation(entry.resource, NGINX_CIPHERS_ANNOTATION);
  const ciphers =
    ingressCiphers ?? configMapValue(source.configMap, 'ssl-ciphers');
  outcome.evidence.push(
    ingressCiphers
      ? {
          resource: element,
          path: `metadata.annotations["${NGINX_CIPHERS_ANNOTATION}"]`,
          observed: ingressCiphers,
          expected: 'approved suites only',
        }
      : {
          resource,
          path: 'data["ssl-ciphers"]',
          observed: ciphers ?? null,
          expected: 'approved suites only',
        },
  );
  const suites = (ciphers ?? '')
    .split(':')
    .map(name => name.trim())
    .filter(
      name => name.length > 0 && !name.startsWith('!') && !name.startsWith('-'),
    )
    .map(ianaCipherName);
  checkCipherSuites(outcome, suites, context);
  return mergeOutcomes(element, [outcome], []);
}

function checkCipherSuites(
  outcome: SettingOutcome,
  suites: string[],
  context: EvaluationContext,
) {
  if (suites.length === 0) {
    addProblem(
      outcome,
      'warn',
      'ciphers-not-pinned',
      'cipher suites are not pinned, so the controller defaults apply',
    );
    return;
  }
  const unapproved = suites.filter(
    suite => !context.policy.approvedCipherSuites.has(suite.toUpperCase()),
  );
  if (unapproved.length > 0) {
    addProblem(
      outcome,
      'warn',
      'unapproved-cipher-suites',
      `cipher suites outside the approved set: ${unapproved.join(', ')}`,
    );
  }
}

function addProblem(
  outcome: SettingOutcome,
  verdict: Verdict,
  reason: string | undefined,
  problem: string,
) {
  const worse = worstVerdict([outcome.verdict, verdict]);
  if (
    worse !== outcome.verdict ||
    (verdict === outcome.verdict && outcome.reason === undefined)
  ) {
    outcome.reason = reason;
  }
  outcome.verdict = worse;
  outcome.problems.push(problem);
}

function mergeOutcomes(
  element: string,
  outcomes: SettingOutcome[],
  extra: Evidence[],
): ElementOutcome {
  const verdict = worstVerdict(outcomes.map(outcome => outcome.verdict));
  const worst = outcomes.find(outcome => outcome.verdict === verdict)!;
  const problems = outcomes.flatMap(outcome => outcome.problems);
  return {
    element,
    verdict,
    reason: worst.reason,
    message:
      problems.length > 0
        ? `${element}: ${problems.join('; ')}.`
        : `${element} accepts TLS 1.2 or later with strict SNI and approved cipher suites only.`,
    evidence: [...extra, ...outcomes.flatMap(outcome => outcome.evidence)],
  };
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * Judges the controller configuration found in the namespace when no
 * Ingress there leads to it: every Traefik TLS option defined in the
 * namespace (or Traefik's built-in default when its configuration defines
 * none), and every NGINX controller running there.
 */
function evaluateNamespaceConfig(
  traefik: TraefikConfiguration,
  context: EvaluationContext,
): ElementOutcome[] {
  const inNamespace = (resource: KubernetesResource) =>
    isInNamespace(resource, context.scope.namespace);

  const elements: ElementOutcome[] = [];
  const options = allTlsOptions(traefik, context).filter(option =>
    inNamespace(option.source),
  );
  for (const option of options) {
    elements.push(
      mergeOutcomes(
        `${objectRef(option.source, context)} ${option.reference}`,
        [evaluateTraefikOption(option, context)],
        [],
      ),
    );
  }
  if (
    options.length === 0 &&
    traefik.files.some(file => inNamespace(file.configMap))
  ) {
    elements.push(
      mergeOutcomes(
        'Traefik default TLS option',
        [evaluateTraefikOption(undefined, context)],
        [],
      ),
    );
  }

  for (const controller of controllerWorkloads(context)) {
    if (
      (controller.kind === 'ingress-nginx' ||
        controller.kind === 'app-routing-nginx') &&
      inNamespace(controller.workload)
    ) {
      const entry: EntryPoint = {
        resource: controller.workload,
        identity: {
          kind: controller.kind,
          evidence: { resource: objectRef(controller.workload, context) },
        },
      };
      elements.push(
        evaluateNginx(
          entry,
          objectRef(controller.workload, context),
          context,
          controller,
        ),
      );
    }
  }
  return elements;
}
