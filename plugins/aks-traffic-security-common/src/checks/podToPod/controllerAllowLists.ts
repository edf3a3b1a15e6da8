import { KubernetesResource } from '../../types';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import {
  getIgnoreCase,
  getPath,
  isJsonObject,
  stringAt,
} from '../../resources/json';
import {
  annotation,
  containerFlag,
  expandPodNamespace,
  namespaceOf,
  objectRef,
  selectsWorkload,
} from '../ingress/kubernetes/kubernetesObjects';
import { ControllerWorkload } from '../ingress/kubernetes/ingressControllers';
import {
  readTraefikConfiguration,
  traefikValue,
} from '../ingress/kubernetes/traefikConfig';

/** A source-address allow-list in front of an ingress controller. */
export interface AllowList {
  /** `<namespace>/<Kind>/<name>` of the object that defines it. */
  resource: string;
  path: string;
  ranges: string[];
  /** The route it applies to, or `undefined` when it applies to every route of the controller. */
  route?: KubernetesResource;
  /** True for a load balancer filter, false for a layer 7 allow-list that the controller's proxy applies. */
  loadBalancer: boolean;
}

const TRAEFIK_MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';
const TRAEFIK_ENTRY_POINTS = 'traefik.ingress.kubernetes.io/router.entrypoints';
const TRAEFIK_API_VERSIONS = [
  'traefik.io/v1alpha1',
  'traefik.containo.us/v1alpha1',
];
const NGINX_ALLOW_LIST_KEYS = [
  'whitelist-source-range',
  'allowlist-source-range',
];
const LB_SOURCE_RANGES_ANNOTATION =
  'service.beta.kubernetes.io/load-balancer-source-ranges';

function splitList(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Returns the `sourceRange` of a Traefik middleware body, under either of its names. */
function middlewareRanges(middleware: unknown): string[] | undefined {
  const allowList =
    getIgnoreCase(middleware, 'ipAllowList') ??
    getIgnoreCase(middleware, 'ipWhiteList');
  return isJsonObject(allowList)
    ? stringsOf(getIgnoreCase(allowList, 'sourceRange'))
    : undefined;
}

/**
 * Resolves Traefik middleware references (`<name>@file` or
 * `<namespace>-<name>@kubernetescrd`) to the IP allow-lists among them.
 */
function traefikMiddlewareAllowLists(
  references: string[],
  route: KubernetesResource | undefined,
  context: EvaluationContext,
): AllowList[] {
  const configuration = readTraefikConfiguration(context);
  const middlewareObjects = context
    .kubernetesInAnyNamespace('Middleware')
    .filter(resource => TRAEFIK_API_VERSIONS.includes(resource.apiVersion));
  const found: AllowList[] = [];

  for (const reference of references) {
    const at = reference.lastIndexOf('@');
    const name = at < 0 ? reference : reference.slice(0, at);
    const provider = at < 0 ? undefined : reference.slice(at + 1);
    if (provider === 'file') {
      for (const file of configuration.files) {
        const ranges = middlewareRanges(
          traefikValue(file.config, ['http', 'middlewares', name]),
        );
        if (ranges) {
          found.push({
            resource: objectRef(file.configMap, context),
            path: `data["${file.key}"] http.middlewares.${name}`,
            ranges,
            route,
            loadBalancer: false,
          });
        }
      }
    } else if (provider === 'kubernetescrd') {
      for (const middleware of middlewareObjects) {
        const ranges = middlewareRanges(getPath(middleware.body, 'spec'));
        if (
          ranges &&
          `${namespaceOf(middleware, context)}-${middleware.name}` === name
        ) {
          found.push({
            resource: objectRef(middleware, context),
            path: 'spec',
            ranges,
            route,
            loadBalancer: false,
          });
        }
      }
    }
  }
  return found;
}

/**
 * Returns Traefik's allow-lists for a route: the middlewares its Ingress
 * names, and those of the entry points it uses (every entry point when the
 * Ingress names none).
 */
function traefikAllowLists(
  route: KubernetesResource,
  context: EvaluationContext,
): AllowList[] {
  const routeMiddlewares = splitList(
    annotation(route, TRAEFIK_MIDDLEWARES) ?? '',
  );
  const found = traefikMiddlewareAllowLists(routeMiddlewares, route, context);

  const entryPointNames = splitList(
    annotation(route, TRAEFIK_ENTRY_POINTS) ?? '',
  );
  for (const file of readTraefikConfiguration(context).files) {
    const entryPoints = traefikValue(file.config, ['entryPoints']);
    if (!isJsonObject(entryPoints)) {
      continue;
    }
    for (const [entryPoint, settings] of Object.entries(entryPoints)) {
      if (entryPointNames.length > 0 && !entryPointNames.includes(entryPoint)) {
        continue;
      }
      const middlewares = stringsOf(
        traefikValue(settings, ['http', 'middlewares']),
      );
      found.push(...traefikMiddlewareAllowLists(middlewares, route, context));
    }
  }
  return found;
}

/**
 * Returns NGINX's allow-lists: the `whitelist-source-range` key of the
 * ConfigMap the controller's `--configmap` names (every route), and the
 * same annotation on each Ingress.
 */
function nginxAllowLists(
  controller: ControllerWorkload,
  routes: KubernetesResource[],
  context: EvaluationContext,
): AllowList[] {
  const found: AllowList[] = [];
  const flag = containerFlag(controller.container, 'configmap');
  if (flag) {
    const namespace = namespaceOf(controller.workload, context);
    const reference = expandPodNamespace(flag, namespace);
    const [configNamespace, name] = reference.includes('/')
      ? reference.split('/', 2)
      : [namespace, reference];
    const configMap = context
      .kubernetesInAnyNamespace('ConfigMap')
      .find(
        candidate =>
          candidate.name === name &&
          (namespaceOf(candidate, context) ?? configNamespace) ===
            configNamespace,
      );
    for (const key of NGINX_ALLOW_LIST_KEYS) {
      const value = stringAt(configMap?.body, `data.${key}`);
      if (configMap && value) {
        found.push({
          resource: objectRef(configMap, context),
          path: `data["${key}"]`,
          ranges: splitList(value),
          loadBalancer: false,
        });
      }
    }
  }

  for (const route of routes) {
    for (const key of NGINX_ALLOW_LIST_KEYS) {
      const value = annotation(route, `nginx.ingress.kubernetes.io/${key}`);
      if (value) {
        found.push({
          resource: objectRef(route, context),
          path: `metadata.annotations["nginx.ingress.kubernetes.io/${key}"]`,
          ranges: splitList(value),
          route,
          loadBalancer: false,
        });
      }
    }
  }
  return found;
}

/** Returns the Services, read in any namespace, that send traffic to the controller pods. */
export function controllerServices(
  controller: ControllerWorkload,
  context: EvaluationContext,
): KubernetesResource[] {
  return context
    .kubernetesInAnyNamespace('Service')
    .filter(service => selectsWorkload(service, controller.workload, context));
}

/**
 * Returns every source-address allow-list in front of a controller: its
 * load balancer Services' `loadBalancerSourceRanges`, and Traefik
 * middlewares or NGINX `whitelist-source-range` settings for its routes.
 */
export function controllerAllowLists(
  controller: ControllerWorkload,
  routes: KubernetesResource[],
  context: EvaluationContext,
): AllowList[] {
  const found: AllowList[] = [];
  for (const service of controllerServices(controller, context)) {
    const ranges = stringsOf(
      getPath(service.body, 'spec.loadBalancerSourceRanges'),
    );
    const annotated = splitList(
      annotation(service, LB_SOURCE_RANGES_ANNOTATION) ?? '',
    );
    if (ranges.length > 0 || annotated.length > 0) {
      found.push({
        resource: objectRef(service, context),
        path:
          ranges.length > 0
            ? 'spec.loadBalancerSourceRanges'
            : `metadata.annotations["${LB_SOURCE_RANGES_ANNOTATION}"]`,
        ranges: ranges.length > 0 ? ranges : annotated,
        loadBalancer: true,
      });
    }
  }

  if (controller.kind === 'traefik') {
    found.push(
      ...routes
        .filter(route => route.objectKind === 'Ingress')
        .flatMap(route => traefikAllowLists(route, context)),
    );
  } else if (
    controller.kind === 'ingress-nginx' ||
    controller.kind === 'app-routing-nginx'
  ) {
    found.push(
      ...nginxAllowLists(
        controller,
        routes.filter(route => route.objectKind === 'Ingress'),
        context,
      ),
    );
  }
  return found;
}
