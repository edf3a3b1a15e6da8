import { Evidence, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome, notApplicable } from '../../outcomes';
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
  RouterConfiguration,
  routerConfigurations,
  servingTraefikControllers,
  settingsOutcome,
  unknownConfiguration,
  unparsedConfiguration,
} from './traefikRouterTls';
import { ingressRouteElements } from './ingressRouteTls';
import { nginxConfigSource } from './nginxConfig';
import { nginxSettingFindings, traefikOptionFindings } from './tlsSettings';

const TLS_OPTIONS_ANNOTATION =
  'traefik.ingress.kubernetes.io/router.tls.options';
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
    'Traefik: `[tls.options.default] minVersion = "VersionTLS12"`, `sniStrict = true`, `cipherSuites = [...]`, or the same in a `TLSOption` that an Ingress names in `traefik.ingress.kubernetes.io/router.tls.options` and an IngressRoute in `spec.tls.options`. ingress-nginx: ConfigMap `ssl-protocols: "TLSv1.2 TLSv1.3"` and `ssl-ciphers` with approved suites only.',
  documentationUrl:
    'https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks',
  evaluate(context) {
    const entryPoints = readEntryPoints(context);
    if (!entryPoints.found) {
      return entryPoints.outcome;
    }

    const traefik = readTraefikConfiguration(context);
    const elements = [
      ...entryPoints.value.ingresses.flatMap(entry =>
        evaluateIngress(entry, traefik, context),
      ),
      ...ingressRouteElements(traefik, context),
    ];
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
      return evaluateTraefikIngress(entry, element, traefik, context);
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
  return routerConfigurations(element, controllers, traefik, context).map(
    named =>
      evaluateTraefikRouter(
        entry.resource,
        named.element,
        named.router,
        context,
      ),
  );
}

/**
 * Judges the TLS option that the Traefik router of an Ingress uses: the
 * Ingress's `router.tls.options` annotation, else the option of its entry
 * point (`entryPoints.<name>.http.tls.options`), else `default`.
 */
function evaluateTraefikRouter(
  ingress: KubernetesResource,
  element: string,
  router: RouterConfiguration,
  context: EvaluationContext,
): ElementOutcome {
  const { controller } = router;
  const annotated = annotation(ingress, TLS_OPTIONS_ANNOTATION);
  const entryPoints = (annotation(ingress, ENTRYPOINTS_ANNOTATION) ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(name => name.length > 0);
  if (
    controller &&
    !controller.staticConfig.known &&
    annotated === undefined &&
    entryPoints.length > 0
  ) {
    return unknownConfiguration(element, controller.staticConfig, []);
  }

  const reference =
    annotated ??
    entryPoints
      .map(name => entryPointTlsOption(name, router.staticConfigs))
      .find(Boolean) ??
    DEFAULT_TLS_OPTION;
  const referenceEvidence: Evidence = {
    resource: element,
    path: `metadata.annotations["${TLS_OPTIONS_ANNOTATION}"]`,
    observed: annotated ?? null,
    note: `the router uses TLS option ${reference}`,
  };
  return evaluateTlsOptionReference(
    element,
    reference,
    [referenceEvidence],
    router,
    context,
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
