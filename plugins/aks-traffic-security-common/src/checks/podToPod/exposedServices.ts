import { JsonObject, KubernetesResource } from '../../types';
import { EvaluationContext, Lookup } from '../../evaluator/EvaluationContext';
import {
  isJsonObject,
  objectsAt,
  stringAt,
  getPath,
} from '../../resources/json';
import {
  labelsAt,
  listOptionalKind,
  namespaceOf,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import { listHttpRoutes } from '../ingress/kubernetes/gatewayApi';
import {
  isTraefikObject,
  TRAEFIK_ROUTE_KINDS,
} from '../ingress/kubernetes/traefikConfig';
import { PodGroup } from './networkPolicies';
import { ElementOutcome } from '../outcomes';

/** The message of a check when no route of the namespace names a Service. */
export const NO_ROUTED_SERVICE =
  'No Ingress, HTTPRoute, GRPCRoute, IngressRoute or IngressRouteTCP of the namespace routes to a Service.';

/** One reference from a route (Ingress, Gateway API or Traefik route) to a backend Service. */
export interface BackendReference {
  route: KubernetesResource;
  serviceName: string;
  /** The Service port by number or name, when the reference gives one. */
  port?: number | string;
  path: string;
  /** The whole `services` entry of a Traefik IngressRoute or IngressRouteTCP, with its scheme and transport. */
  traefikService?: JsonObject;
  /** The object the reference names when the checks cannot follow it to a Service of the namespace, such as `a TraefikService`. */
  unfollowed?: string;
}

/** A Service that a route of the namespace routes to. */
export interface ExposedService {
  name: string;
  namespace?: string;
  /** `undefined` when the Service was not found among the objects read, or not followed. */
  service?: KubernetesResource;
  references: BackendReference[];
  /** The object the references name when the checks cannot follow them, as in {@link BackendReference.unfollowed}. */
  unfollowed?: string;
}

/** Returns the message of a check that cannot judge the pods behind an exposed Service that was not found. */
export function unresolvedServiceMessage(entry: ExposedService): string {
  return entry.unfollowed
    ? `${entry.name} is routed to through ${entry.unfollowed}, which the checks do not follow, so the pods behind it are not known.`
    : `Service ${entry.name} is routed to but was not read, so its pods are not known.`;
}

/** The routes of the service's namespace and the Services they reach. */
export interface ExposedServices {
  routes: KubernetesResource[];
  services: ExposedService[];
}

function portOf(value: unknown): number | string | undefined {
  if (!isJsonObject(value)) {
    return undefined;
  }
  const number = value.number;
  const name = value.name;
  if (typeof number === 'number') {
    return number;
  }
  return typeof name === 'string' ? name : undefined;
}

/**
 * Returns an Ingress's backend references: `spec.defaultBackend` and each
 * path backend, in the networking.k8s.io/v1 form and in the older
 * `serviceName`/`servicePort` form.
 */
function ingressBackends(ingress: KubernetesResource): BackendReference[] {
  const references: BackendReference[] = [];
  const add = (backend: unknown, path: string) => {
    if (!isJsonObject(backend)) {
      return;
    }
    const v1Name = stringAt(backend, 'service.name');
    if (v1Name) {
      references.push({
        route: ingress,
        serviceName: v1Name,
        port: portOf(getPath(backend, 'service.port')),
        path: `${path}.service`,
      });
      return;
    }
    const legacyName = stringAt(backend, 'serviceName');
    if (legacyName) {
      const legacyPort = backend.servicePort;
      references.push({
        route: ingress,
        serviceName: legacyName,
        port:
          typeof legacyPort === 'number' || typeof legacyPort === 'string'
            ? legacyPort
            : undefined,
        path: `${path}.serviceName`,
      });
    }
  };

  add(getPath(ingress.body, 'spec.defaultBackend'), 'spec.defaultBackend');
  add(getPath(ingress.body, 'spec.backend'), 'spec.backend');
  objectsAt(ingress.body, 'spec.rules').forEach((rule, ruleIndex) => {
    objectsAt(rule, 'http.paths').forEach((path, pathIndex) => {
      add(
        path.backend,
        `spec.rules[${ruleIndex}].http.paths[${pathIndex}].backend`,
      );
    });
  });
  return references;
}

/** Returns the backend references of an HTTPRoute or a GRPCRoute to core Services. */
function httpRouteBackends(route: KubernetesResource): BackendReference[] {
  const references: BackendReference[] = [];
  objectsAt(route.body, 'spec.rules').forEach((rule, ruleIndex) => {
    objectsAt(rule, 'backendRefs').forEach(
      (backend: JsonObject, backendIndex) => {
        const kind = stringAt(backend, 'kind') ?? 'Service';
        const group = stringAt(backend, 'group') ?? '';
        const name = stringAt(backend, 'name');
        if (kind !== 'Service' || group !== '' || !name) {
          return;
        }
        const port = backend.port;
        references.push({
          route,
          serviceName: name,
          port: typeof port === 'number' ? port : undefined,
          path: `spec.rules[${ruleIndex}].backendRefs[${backendIndex}]`,
        });
      },
    );
  });
  return references;
}

/**
 * Returns the references of a Traefik IngressRoute or IngressRouteTCP from
 * `spec.routes[*].services`. A TraefikService (weighted or mirrored
 * services) and a Service of another namespace are returned as unfollowed,
 * so that the checks report them as `unknown`.
 */
// TODO: follow TraefikServices to their Services, and Services of other
// namespaces.
function traefikRouteBackends(
  route: KubernetesResource,
  context: EvaluationContext,
): BackendReference[] {
  const namespace = namespaceOf(route, context);
  const references: BackendReference[] = [];
  objectsAt(route.body, 'spec.routes').forEach((rule, ruleIndex) => {
    objectsAt(rule, 'services').forEach((service, serviceIndex) => {
      const name = stringAt(service, 'name');
      if (!name) {
        return;
      }
      const kind = stringAt(service, 'kind') ?? 'Service';
      const serviceNamespace = stringAt(service, 'namespace');
      let unfollowed: string | undefined;
      if (kind !== 'Service') {
        unfollowed = `a ${kind}`;
      } else if (
        serviceNamespace !== undefined &&
        serviceNamespace !== namespace
      ) {
        unfollowed = `a Service of namespace ${serviceNamespace}`;
      }
      const port = service.port;
      references.push({
        route,
        serviceName: name,
        port:
          typeof port === 'number' || typeof port === 'string'
            ? port
            : undefined,
        path: `spec.routes[${ruleIndex}].services[${serviceIndex}]`,
        traefikService: service,
        unfollowed,
      });
    });
  });
  return references;
}

/** Returns a route's references to backend Services, by the kind of route. */
function backendsOf(
  route: KubernetesResource,
  context: EvaluationContext,
): BackendReference[] {
  switch (route.objectKind) {
    case 'Ingress':
      return ingressBackends(route);
    case 'IngressRoute':
    case 'IngressRouteTCP':
      return traefikRouteBackends(route, context);
    default:
      return httpRouteBackends(route);
  }
}

/**
 * Finds the Services that the namespace's Ingresses, Gateway API
 * HTTPRoutes and GRPCRoutes, and Traefik IngressRoutes and IngressRouteTCPs
 * route to. The lookup is `unknown` when a kind it needs could
 * not be listed. A Service that is referenced but was not read is returned
 * without `service`.
 */
export function exposedServices(
  context: EvaluationContext,
): Lookup<ExposedServices> {
  const ingresses = context.kubernetes('Ingress');
  if (!ingresses.found) {
    return ingresses;
  }
  const httpRoutes = listHttpRoutes(context);
  if (!httpRoutes.found) {
    return httpRoutes;
  }
  const traefikRoutes: KubernetesResource[] = [];
  for (const kind of TRAEFIK_ROUTE_KINDS) {
    const listed = listOptionalKind(context, kind);
    if (!listed.found) {
      return listed;
    }
    traefikRoutes.push(...listed.value.filter(isTraefikObject));
  }
  const services = context.kubernetes('Service');
  if (!services.found) {
    return services;
  }

  const routes = [...ingresses.value, ...httpRoutes.value, ...traefikRoutes];
  const exposed: ExposedService[] = [];
  for (const route of routes) {
    const references = backendsOf(route, context);
    const namespace = namespaceOf(route, context);
    for (const reference of references) {
      let entry = exposed.find(
        item =>
          item.name === reference.serviceName &&
          item.namespace === namespace &&
          item.unfollowed === reference.unfollowed,
      );
      if (!entry) {
        entry = {
          name: reference.serviceName,
          namespace,
          service: reference.unfollowed
            ? undefined
            : services.value.find(
                service =>
                  service.name === reference.serviceName &&
                  (namespaceOf(service, context) ?? namespace) === namespace,
              ),
          references: [],
          unfollowed: reference.unfollowed,
        };
        exposed.push(entry);
      }
      entry.references.push(reference);
    }
  }
  return { found: true, value: { routes, services: exposed } };
}

/**
 * The workload kinds whose pods the checks read, with the path of each
 * kind's pod template. A Pod is its own template.
 */
const POD_TEMPLATE_PATHS: Record<string, string> = {
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
  Pod: '',
};

/** The names of the kinds that `namespaceWorkloads` returns, joined for messages. */
export const WORKLOAD_KIND_NAMES =
  'Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod';

/**
 * Returns the path of a field of a workload's pod template, for example
 * `spec.template.spec.hostNetwork` for a Deployment and `spec.hostNetwork`
 * for a Pod.
 */
export function podTemplatePath(
  workload: KubernetesResource,
  field: string,
): string {
  const template = POD_TEMPLATE_PATHS[workload.objectKind] ?? 'spec.template';
  return template === '' ? field : `${template}.${field}`;
}

/** Returns the labels of a workload's pods, read from its pod template. */
export function podLabelsOf(
  workload: KubernetesResource,
): Record<string, string> {
  return labelsAt(workload.body, podTemplatePath(workload, 'metadata.labels'));
}

/** The workloads of the service's namespace, and the kinds that could not be read. */
export interface NamespaceWorkloads {
  workloads: KubernetesResource[];
  /**
   * An `unknown` element for each workload kind whose list failed, such as
   * a StatefulSet list that the reader's role may not read. A check over
   * every workload then cannot pass without the pods of such a kind.
   */
  unread: ElementOutcome[];
}

/**
 * Returns the Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and bare
 * Pods read in the service's namespace, with the kinds whose list failed.
 */
export function readNamespaceWorkloads(
  context: EvaluationContext,
): NamespaceWorkloads {
  const result: NamespaceWorkloads = { workloads: [], unread: [] };
  for (const kind of Object.keys(POD_TEMPLATE_PATHS)) {
    const lookup = context.kubernetes(kind);
    if (lookup.found) {
      result.workloads.push(...lookup.value);
    } else {
      result.unread.push({ element: `${kind} objects`, ...lookup.outcome });
    }
  }
  return result;
}

/** Returns the workloads read in the service's namespace. */
export function namespaceWorkloads(
  context: EvaluationContext,
): KubernetesResource[] {
  return readNamespaceWorkloads(context).workloads;
}

/**
 * Returns the workloads whose pods a Service's selector matches. A Service
 * without a selector selects none.
 */
export function workloadsSelectedBy(
  service: KubernetesResource,
  workloads: KubernetesResource[],
): KubernetesResource[] {
  const entries = Object.entries(labelsAt(service.body, 'spec.selector'));
  if (entries.length === 0) {
    return [];
  }
  return workloads.filter(workload => {
    const labels = podLabelsOf(workload);
    return entries.every(([key, value]) => labels[key] === value);
  });
}

/**
 * Returns the pod groups a Service selects: the pod templates of the
 * workloads its selector matches, or, when none was read, the selector
 * itself as the only labels known to be on the pods. A Service without a
 * selector has manually managed endpoints and selects no pods here.
 */
export function podGroupsOf(
  service: KubernetesResource,
  context: EvaluationContext,
): PodGroup[] {
  const selector = labelsAt(service.body, 'spec.selector');
  if (Object.keys(selector).length === 0) {
    return [];
  }

  const namespace = namespaceOf(service, context);
  const groups = workloadsSelectedBy(service, namespaceWorkloads(context)).map(
    workload => ({
      labels: podLabelsOf(workload),
      namespace: namespaceOf(workload, context) ?? namespace,
      source: objectRef(workload, context),
      labelsPath: podTemplatePath(workload, 'metadata.labels'),
    }),
  );
  if (groups.length > 0) {
    return groups;
  }
  return [
    {
      labels: selector,
      namespace,
      source: objectRef(service, context),
      labelsPath: 'spec.selector',
    },
  ];
}
