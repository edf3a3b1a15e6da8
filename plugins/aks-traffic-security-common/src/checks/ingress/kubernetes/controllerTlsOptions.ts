import { Evidence, JsonObject, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome, notApplicable } from '../../outcomes';
import {
  getPath,
  isJsonObject,
  objectsAt,
  parseBoolean,
} from '../../../resources/json';
import { annotation, isInNamespace, objectRef } from './kubernetesObjects';
import { EntryPoint, readEntryPoints } from './entryPoints';
import { ControllerWorkload, controllerWorkloads } from './ingressControllers';
import {
  allTlsOptions,
  DEFAULT_TLS_OPTION,
  entryPointTlsOption,
  readTraefikConfiguration,
  TraefikConfiguration,
  traefikValue,
} from './traefikConfig';
import { readTraefikController, traefikControllers } from './traefikController';
import {
  evaluateTlsOptionReference,
  optionElement,
  RouterConfiguration,
  routerConfigurations,
  servingTraefikControllers,
  settingsOutcome,
  unknownConfiguration,
  unparsedConfiguration,
} from './traefikRouterTls';
import {
  ingressRouteElements,
  ingressRouteHostRouters,
} from './ingressRouteTls';
import { HostRouter, sharedHostConflicts } from './sharedHostOptions';
import {
  gatewayTlsElements,
  unidentifiedController,
} from './gatewayTlsSettings';
import { nginxConfigSource } from './nginxConfig';
import { missingEntryPoint } from './missingEntryPoint';
import { nginxSettingFindings, traefikOptionFindings } from './tlsSettings';

const ROUTER_TLS_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls';
const TLS_OPTIONS_ANNOTATION = `${ROUTER_TLS_ANNOTATION}.options`;
const ENTRYPOINTS_ANNOTATION =
  'traefik.ingress.kubernetes.io/router.entrypoints';
const NGINX_CIPHERS_ANNOTATION = 'nginx.ingress.kubernetes.io/ssl-ciphers';

export const controllerTlsOptions: CheckDefinition = {
  id: 'ingress.k8s.controller-tls-options',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title:
    'The ingress controller accepts only TLS 1.2 or later, with strict SNI and pinned cipher suites.',
  why: 'The hop from the Application Gateway to the ingress controller must meet the same bar as the public listener: TLS 1.2 or later, approved cipher suites and, for Traefik, strict SNI.',
  remediation:
    'Traefik: `[tls.options.default] minVersion = "VersionTLS12"`, `sniStrict = true`, `cipherSuites = [...]`, or the same in a `TLSOption` that an Ingress names in `traefik.ingress.kubernetes.io/router.tls.options` and an IngressRoute or IngressRouteTCP in `spec.tls.options`. ingress-nginx: ConfigMap `ssl-protocols: "TLSv1.2 TLSv1.3"` and `ssl-ciphers` with approved suites only. Gateway API in the cluster: set the minimum version and cipher suites in the implementation\'s own settings and confirm them by hand, because the check cannot read them.',
  documentationUrl:
    'https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks',
  evaluate(context) {
    const entryPoints = readEntryPoints(context);
    if (!entryPoints.found) {
      return entryPoints.outcome;
    }

    const traefik = readTraefikConfiguration(context);
    const sharedHosts = sharedHostConflicts([
      ...ingressHostRouters(entryPoints.value.ingresses, context),
      ...ingressRouteHostRouters(context),
    ]);
    const elements = [
      ...entryPoints.value.ingresses.flatMap(entry =>
        evaluateIngress(entry, traefik, sharedHosts, context),
      ),
      ...ingressRouteElements(traefik, sharedHosts, context),
      ...gatewayTlsElements(entryPoints.value.gateways, context),
    ];
    if (elements.length > 0) {
      return combineElements(elements, '');
    }

    const namespaceElements = evaluateNamespaceConfig(traefik, context);
    if (namespaceElements.length > 0) {
      return combineElements(namespaceElements, '');
    }
    return (
      missingEntryPoint(context) ??
      notApplicable(
        'No in-cluster ingress controller configuration serves the namespace (for example, the Application Gateway Ingress Controller).',
      )
    );
  },
};

function evaluateIngress(
  entry: EntryPoint,
  traefik: TraefikConfiguration,
  sharedHosts: Map<string, Evidence[]>,
  context: EvaluationContext,
): ElementOutcome[] {
  const element = objectRef(entry.resource, context);
  switch (entry.identity.kind) {
    case undefined:
      return [unidentifiedController(entry, element)];
    case 'traefik':
      return evaluateTraefikIngress(
        entry,
        element,
        traefik,
        sharedHosts.get(element) ?? [],
        context,
      );
    case 'ingress-nginx':
    case 'app-routing-nginx':
      return [evaluateNginx(entry, element, context)];
    default:
      // AGIC and Application Gateway for Containers terminate TLS outside the cluster.
      return [];
  }
}

/**
 * Judges the TLS option of a Traefik router with the configuration of each
 * Traefik controller that may serve it: those whose
 * `providers.kubernetesIngress.ingressClass` is the Ingress's class, else
 * every Traefik controller read.
 */
function evaluateTraefikIngress(
  entry: EntryPoint,
  element: string,
  traefik: TraefikConfiguration,
  sharedHost: Evidence[],
  context: EvaluationContext,
): ElementOutcome[] {
  const controllers = servingTraefikControllers(
    staticConfig =>
      entry.identity.className !== undefined &&
      traefikValue(staticConfig, [
        'providers',
        'kubernetesIngress',
        'ingressClass',
      ]) === entry.identity.className,
    context,
  );
  return routerConfigurations(element, controllers, traefik, context).flatMap(
    named =>
      evaluateTraefikRouter(
        entry.resource,
        named.element,
        named.router,
        sharedHost,
        context,
      ),
  );
}

/**
 * Judges the TLS option that the Traefik router of an Ingress uses. Its
 * `router.tls.options` annotation names it. Without one, a router with TLS
 * of its own (`router.tls: "true"` or any other `router.tls.*` annotation)
 * uses `default`, because Traefik gives a router its entry point's TLS
 * (`entryPoints.<name>.http.tls`) only when the router has none. A router
 * without TLS of its own takes the option of each entry point it is on:
 * those of its `router.entrypoints` annotation, else Traefik's default
 * entry points. `default` is judged too where Traefik uses it instead:
 * for host names no rule names, and for a host that another router serves
 * with another option (`sharedHost`). Returns one outcome per distinct
 * option.
 */
function evaluateTraefikRouter(
  ingress: KubernetesResource,
  element: string,
  router: RouterConfiguration,
  sharedHost: Evidence[],
  context: EvaluationContext,
): ElementOutcome[] {
  const annotated = annotation(ingress, TLS_OPTIONS_ANNOTATION);
  const ownTls = hasOwnRouterTls(ingress);
  if (ownTls === undefined) {
    return [invalidRouterTls(ingress, element)];
  }

  let references: string[];
  if (annotated !== undefined) {
    references = [annotated];
  } else if (ownTls) {
    references = [DEFAULT_TLS_OPTION];
  } else {
    const { controller } = router;
    if (controller && !controller.staticConfig.known) {
      return [unknownConfiguration(element, controller.staticConfig, [])];
    }
    references = entryPointOptions(
      routerEntryPoints(ingress, router.staticConfigs),
      router.staticConfigs,
    );
  }
  const referenceEvidence = (reference: string): Evidence => ({
    resource: element,
    path: `metadata.annotations["${TLS_OPTIONS_ANNOTATION}"]`,
    observed: annotated ?? null,
    note: `the router uses TLS option ${reference}`,
  });
  const judged = references.map(reference => ({
    reference,
    evidence: referenceEvidence(reference),
  }));
  if (
    !routesOnlyNamedHosts(ingress) &&
    !references.includes(DEFAULT_TLS_OPTION)
  ) {
    // Traefik picks TLS options by the SNI name, so a router whose rule
    // names no host gets default for every name no other router claims.
    judged.push({
      reference: DEFAULT_TLS_OPTION,
      evidence: {
        resource: element,
        path: 'spec.rules',
        note: 'a rule names no host, so names that no other router claims get TLS option default',
      },
    });
  }
  if (
    sharedHost.length > 0 &&
    !judged.some(item => item.reference === DEFAULT_TLS_OPTION)
  ) {
    judged.push({ reference: DEFAULT_TLS_OPTION, evidence: sharedHost[0] });
  }

  return judged.map(({ reference, evidence }) =>
    evaluateTlsOptionReference(
      optionElement(element, reference, judged.length),
      reference,
      [evidence],
      router,
      context,
    ),
  );
}

/**
 * Returns the host names and the TLS option of each Traefik Ingress router
 * that names its option, or has TLS of its own and so uses `default`.
 */
function ingressHostRouters(
  entries: EntryPoint[],
  context: EvaluationContext,
): HostRouter[] {
  return entries
    .filter(entry => entry.identity.kind === 'traefik')
    .flatMap(({ resource: ingress }) => {
      // NOTE: a router without TLS of its own takes the options of its
      // entry points, which are not compared with other routers' options.
      const option =
        annotation(ingress, TLS_OPTIONS_ANNOTATION)?.trim() ||
        (hasOwnRouterTls(ingress) ? DEFAULT_TLS_OPTION : undefined);
      if (option === undefined) {
        return [];
      }

      const entryPoints = annotatedEntryPoints(ingress);
      return [
        {
          element: objectRef(ingress, context),
          hosts: objectsAt(ingress.body, 'spec.rules').flatMap(rule =>
            typeof rule.host === 'string' && rule.host !== ''
              ? [rule.host.toLowerCase()]
              : [],
          ),
          entryPoints: entryPoints.length > 0 ? entryPoints : undefined,
          option,
        },
      ];
    });
}

/**
 * Tells whether an Ingress gives its Traefik router a TLS section of its
 * own. Returns `undefined` when `router.tls` is not a boolean, which
 * Traefik rejects.
 */
function hasOwnRouterTls(ingress: KubernetesResource): boolean | undefined {
  const annotations = getPath(ingress.body, 'metadata.annotations');
  const keys = isJsonObject(annotations) ? Object.keys(annotations) : [];
  if (keys.some(key => key.startsWith(`${ROUTER_TLS_ANNOTATION}.`))) {
    return true;
  }

  const value = annotation(ingress, ROUTER_TLS_ANNOTATION);
  return value === undefined ? false : parseBoolean(value);
}

function invalidRouterTls(
  ingress: KubernetesResource,
  element: string,
): ElementOutcome {
  const value = annotation(ingress, ROUTER_TLS_ANNOTATION);
  return {
    element,
    verdict: 'unknown',
    reason: 'invalid-document',
    message: `${element} sets ${ROUTER_TLS_ANNOTATION} to '${value}', which is not a boolean, so Traefik rejects its router. Expected "true" or "false".`,
    evidence: [
      {
        resource: element,
        path: `metadata.annotations["${ROUTER_TLS_ANNOTATION}"]`,
        observed: value ?? null,
        expected: 'true',
      },
    ],
  };
}

/** Returns the entry points that an Ingress's `router.entrypoints` annotation names, if any. */
function annotatedEntryPoints(ingress: KubernetesResource): string[] {
  return (annotation(ingress, ENTRYPOINTS_ANNOTATION) ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(name => name.length > 0);
}

/**
 * Returns the entry points of an Ingress's router: its
 * `router.entrypoints` annotation, else Traefik's default entry points.
 * Those are the entry points with `asDefault` or, when none has it, all of
 * them, leaving out UDP ones and `traefik`, Traefik's internal entry point.
 */
function routerEntryPoints(
  ingress: KubernetesResource,
  staticConfigs: JsonObject[],
): string[] {
  const annotated = annotatedEntryPoints(ingress);
  if (annotated.length > 0) {
    return annotated;
  }

  const defined = staticConfigs.flatMap(config => {
    const entryPoints = traefikValue(config, ['entryPoints']);
    return isJsonObject(entryPoints)
      ? Object.entries(entryPoints).map(([name, settings]) => ({
          name,
          asDefault:
            parseBoolean(traefikValue(settings, ['asDefault'])) === true,
          udp: String(traefikValue(settings, ['address']) ?? '')
            .toLowerCase()
            .endsWith('/udp'),
        }))
      : [];
  });
  const asDefault = defined.filter(entryPoint => entryPoint.asDefault);
  return (asDefault.length > 0 ? asDefault : defined)
    .filter(entryPoint => !entryPoint.udp && entryPoint.name !== 'traefik')
    .map(entryPoint => entryPoint.name);
}

/**
 * Returns the TLS options that a router without TLS of its own gets on its
 * entry points: each one's `http.tls.options`, or `default` where
 * `http.tls` names none. Entry points without `http.tls` serve the router
 * without TLS, which `ingress.k8s.ingress-https-only` judges, so they add
 * no option. With no TLS entry point the router is judged with `default`.
 */
function entryPointOptions(
  entryPoints: string[],
  staticConfigs: JsonObject[],
): string[] {
  const options = entryPoints.flatMap(name => {
    const tls = staticConfigs.some(
      config =>
        traefikValue(config, ['entryPoints', name, 'http', 'tls']) !==
        undefined,
    );
    return tls
      ? [entryPointTlsOption(name, staticConfigs) ?? DEFAULT_TLS_OPTION]
      : [];
  });
  return options.length > 0 ? [...new Set(options)] : [DEFAULT_TLS_OPTION];
}

/** Tells whether every rule of an Ingress names a host and it has no default backend. */
function routesOnlyNamedHosts(ingress: KubernetesResource): boolean {
  const rules = getPath(ingress.body, 'spec.rules');
  return (
    getPath(ingress.body, 'spec.defaultBackend') === undefined &&
    Array.isArray(rules) &&
    rules.every(
      rule =>
        isJsonObject(rule) &&
        typeof rule.host === 'string' &&
        rule.host.length > 0,
    )
  );
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

  const ingressCiphers = annotation(entry.resource, NGINX_CIPHERS_ANNOTATION);
  const findings = nginxSettingFindings(
    {
      configMap: source.configMap,
      resource: source.configMap
        ? objectRef(source.configMap, context)
        : objectRef(source.controller!.workload, context),
      note: source.note,
      ingressCiphers: ingressCiphers
        ? {
            value: ingressCiphers,
            resource: element,
            path: `metadata.annotations["${NGINX_CIPHERS_ANNOTATION}"]`,
          }
        : undefined,
    },
    context,
  );
  return settingsOutcome(element, findings);
}

/**
 * Judges the controller configuration found in the namespace when no
 * Ingress there leads to it: every Traefik TLS option defined in the
 * namespace (or Traefik's built-in default when its configuration defines
 * none), and every NGINX controller running there. When Traefik controller
 * workloads were read, only the configuration they load counts.
 */
function evaluateNamespaceConfig(
  traefik: TraefikConfiguration,
  context: EvaluationContext,
): ElementOutcome[] {
  const inNamespace = (resource: KubernetesResource) =>
    isInNamespace(resource, context.scope.namespace);

  const elements: ElementOutcome[] = [];
  const controllers = traefikControllers(context).map(controller =>
    readTraefikController(controller, context),
  );
  for (const loaded of controllers) {
    if (!loaded.fileProvider.known && inNamespace(loaded.controller.workload)) {
      elements.push(
        unknownConfiguration(
          objectRef(loaded.controller.workload, context),
          loaded.fileProvider,
          [],
        ),
      );
    }
  }

  const loadedFiles = new Set(
    controllers.flatMap(loaded =>
      loaded.fileProvider.known ? loaded.fileProvider.files : [],
    ),
  );
  const loadedErrors = controllers.flatMap(loaded =>
    loaded.fileProvider.known ? loaded.fileProvider.errors : [],
  );
  const configuration: TraefikConfiguration =
    controllers.length === 0
      ? traefik
      : { ...traefik, files: [...loadedFiles], errors: loadedErrors };
  if (loadedErrors.length > 0) {
    elements.push(
      unparsedConfiguration(
        'The Traefik configuration',
        'definitions',
        configuration,
        context,
        [],
      ),
    );
  }
  const options = allTlsOptions(configuration, context).filter(option =>
    inNamespace(option.source),
  );
  for (const option of options) {
    elements.push(
      settingsOutcome(
        `${objectRef(option.source, context)} ${option.reference}`,
        traefikOptionFindings(option, context),
      ),
    );
  }

  const usesDefault =
    controllers.length === 0
      ? traefik.files.some(file => inNamespace(file.configMap))
      : controllers.some(
          loaded =>
            loaded.fileProvider.known &&
            (inNamespace(loaded.controller.workload) ||
              loaded.fileProvider.files.some(file =>
                inNamespace(file.configMap),
              )),
        );
  if (options.length === 0 && usesDefault) {
    elements.push(
      settingsOutcome(
        'Traefik default TLS option',
        traefikOptionFindings(undefined, context),
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
