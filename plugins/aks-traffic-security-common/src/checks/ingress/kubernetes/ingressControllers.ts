import { Evidence, JsonObject, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { stringAt } from '../../../resources/json';
import {
  annotation,
  containerArgs,
  containerFlag,
  objectRef,
  podContainers,
} from './kubernetesObjects';
import { readTraefikConfiguration, traefikValue } from './traefikConfig';

/**
 * The ingress implementations the checks distinguish. `ingress-nginx` is
 * the community controller, and `app-routing-nginx` is the NGINX-based AKS
 * application routing add-on. `istio` is the Istio Gateway API
 * implementation, which the application routing add-on also offers.
 */
export type ControllerKind =
  | 'traefik'
  | 'ingress-nginx'
  | 'app-routing-nginx'
  | 'agic'
  | 'agc'
  | 'istio';

/** Human-readable names of the controller kinds, for messages. */
export const CONTROLLER_DESCRIPTIONS: Record<ControllerKind, string> = {
  traefik: 'Traefik',
  'ingress-nginx': 'community ingress-nginx',
  'app-routing-nginx': 'the NGINX-based AKS application routing add-on',
  agic: 'the Application Gateway Ingress Controller',
  agc: 'Application Gateway for Containers',
  istio: 'the Istio Gateway API implementation',
};

/** Kinds whose proxies run in the cluster and terminate TLS there. */
export const IN_CLUSTER_KINDS: ReadonlySet<ControllerKind> = new Set([
  'traefik',
  'ingress-nginx',
  'app-routing-nginx',
  'istio',
]);

/** An identified (or unidentified) ingress controller and how it was found. */
export interface ControllerIdentity {
  /** `undefined` when the controller cannot be identified. */
  kind?: ControllerKind;
  /** The IngressClass or GatewayClass name the object uses. */
  className?: string;
  evidence: Evidence;
}

const CONTROLLER_NAMES: ReadonlyArray<[string, ControllerKind]> = [
  ['k8s.io/ingress-nginx', 'ingress-nginx'],
  ['traefik.io/ingress-controller', 'traefik'],
  ['traefik.io/gateway-controller', 'traefik'],
  ['azure/application-gateway', 'agic'],
  ['alb.networking.azure.io/alb-controller', 'agc'],
  ['istio.io/gateway-controller', 'istio'],
];

/**
 * Class names that identify their controller without the class object.
 * `nginx` is missing on purpose: both community ingress-nginx and F5's
 * NGINX Ingress Controller install a class of that name.
 */
const WELL_KNOWN_CLASS_NAMES: ReadonlyArray<[string, ControllerKind]> = [
  ['azure/application-gateway', 'agic'],
  ['azure-application-gateway', 'agic'],
  ['webapprouting.kubernetes.azure.com', 'app-routing-nginx'],
  ['azure-alb-external', 'agc'],
  ['approuting-istio', 'istio'],
  ['traefik', 'traefik'],
];

/**
 * Maps an IngressClass `spec.controller` or GatewayClass
 * `spec.controllerName` to a controller kind. The application routing
 * add-on names each extra NGINX controller
 * `webapprouting.kubernetes.azure.com/nginx/<name>`.
 */
export function controllerKindOf(
  controllerName: string,
): ControllerKind | undefined {
  if (controllerName.startsWith('webapprouting.kubernetes.azure.com/nginx')) {
    return 'app-routing-nginx';
  }
  return CONTROLLER_NAMES.find(([name]) => name === controllerName)?.[1];
}

/**
 * Returns the class an Ingress requests: `spec.ingressClassName`, else the
 * deprecated `kubernetes.io/ingress.class` annotation.
 */
export function ingressClassOf(ingress: KubernetesResource): {
  name?: string;
  path: string;
} {
  const name = stringAt(ingress.body, 'spec.ingressClassName');
  if (name) {
    return { name, path: 'spec.ingressClassName' };
  }
  return {
    name: annotation(ingress, 'kubernetes.io/ingress.class'),
    path: 'metadata.annotations["kubernetes.io/ingress.class"]',
  };
}

/**
 * Identifies the controller that serves an Ingress from its class: the
 * IngressClass object's `spec.controller` when it was read, a well-known
 * class name otherwise, and the cluster's default IngressClass for an
 * Ingress without a class.
 */
export function identifyIngressController(
  ingress: KubernetesResource,
  context: EvaluationContext,
): ControllerIdentity {
  const ingressClasses = context.kubernetesInAnyNamespace('IngressClass');
  const resource = objectRef(ingress, context);
  const requested = ingressClassOf(ingress);

  let className = requested.name;
  if (className === undefined) {
    const defaults = ingressClasses.filter(
      ingressClass =>
        annotation(
          ingressClass,
          'ingressclass.kubernetes.io/is-default-class',
        ) === 'true',
    );
    if (defaults.length !== 1) {
      return {
        evidence: {
          resource,
          path: 'spec.ingressClassName',
          observed: null,
          note:
            defaults.length === 0
              ? 'the Ingress names no class and no default IngressClass was read'
              : 'the Ingress names no class and several IngressClasses are marked default',
        },
      };
    }
    className = defaults[0].name;
  }

  const ingressClass = ingressClasses.find(
    candidate => candidate.name === className,
  );
  const controller = ingressClass
    ? stringAt(ingressClass.body, 'spec.controller')
    : undefined;
  if (ingressClass && controller) {
    return {
      kind: controllerKindOf(controller),
      className,
      evidence: {
        resource: objectRef(ingressClass, context),
        path: 'spec.controller',
        observed: controller,
        note: `used by ${resource}`,
      },
    };
  }

  const path =
    requested.name === undefined ? 'spec.ingressClassName' : requested.path;
  const wellKnown = WELL_KNOWN_CLASS_NAMES.find(
    ([name]) => name === className,
  )?.[1];
  if (wellKnown) {
    return {
      kind: wellKnown,
      className,
      evidence: {
        resource,
        path,
        observed: className,
        note: 'the IngressClass object was not read; identified by class name only',
      },
    };
  }

  const serving = controllerServingClass(className, context);
  return {
    kind: serving?.kind,
    className,
    evidence: serving?.evidence ?? {
      resource,
      path,
      observed: className,
      note: 'neither the IngressClass object nor a controller watching this class was read',
    },
  };
}

/**
 * Identifies the controller that serves a Gateway from its GatewayClass's
 * `spec.controllerName`, or from a well-known class name.
 */
export function identifyGatewayController(
  gateway: KubernetesResource,
  context: EvaluationContext,
): ControllerIdentity {
  const className = stringAt(gateway.body, 'spec.gatewayClassName');
  const gatewayClass = context
    .kubernetesInAnyNamespace('GatewayClass')
    .find(candidate => candidate.name === className);
  const controller = gatewayClass
    ? stringAt(gatewayClass.body, 'spec.controllerName')
    : undefined;
  if (gatewayClass && controller) {
    return {
      kind: controllerKindOf(controller),
      className,
      evidence: {
        resource: objectRef(gatewayClass, context),
        path: 'spec.controllerName',
        observed: controller,
        note: `used by ${objectRef(gateway, context)}`,
      },
    };
  }

  return {
    kind: WELL_KNOWN_CLASS_NAMES.find(([name]) => name === className)?.[1],
    className,
    evidence: {
      resource: objectRef(gateway, context),
      path: 'spec.gatewayClassName',
      observed: className ?? null,
      note: 'the GatewayClass object was not read; identified by class name only',
    },
  };
}

/** Traefik's command-line flag for the Ingress class it serves; Traefik reads flag names case-insensitively. */
const TRAEFIK_INGRESS_CLASS_FLAG = '--providers.kubernetesingress.ingressclass';

/**
 * Finds the controller workload that watches an Ingress class, for
 * namespace-scoped reads that cannot list IngressClass objects: NGINX's
 * `--ingress-class` argument, or Traefik's
 * `providers.kubernetesIngress.ingressClass` setting given as an argument
 * or in a configuration file.
 */
function controllerServingClass(
  className: string,
  context: EvaluationContext,
): { kind: ControllerKind; evidence: Evidence } | undefined {
  for (const controller of controllerWorkloads(context)) {
    const workload = objectRef(controller.workload, context);
    if (containerFlag(controller.container, 'ingress-class') === className) {
      return {
        kind: controller.kind,
        evidence: {
          resource: workload,
          path: 'args --ingress-class',
          observed: className,
        },
      };
    }
    const traefikFlag = containerArgs(controller.container).find(word =>
      word.toLowerCase().startsWith(`${TRAEFIK_INGRESS_CLASS_FLAG}=`),
    );
    if (
      traefikFlag?.slice(TRAEFIK_INGRESS_CLASS_FLAG.length + 1) === className
    ) {
      return {
        kind: controller.kind,
        evidence: {
          resource: workload,
          path: `args ${TRAEFIK_INGRESS_CLASS_FLAG}`,
          observed: className,
        },
      };
    }
  }

  for (const file of readTraefikConfiguration(context).files) {
    const watched = traefikValue(file.config, [
      'providers',
      'kubernetesIngress',
      'ingressClass',
    ]);
    if (watched === className) {
      return {
        kind: 'traefik',
        evidence: {
          resource: objectRef(file.configMap, context),
          path: `data["${file.key}"] providers.kubernetesIngress.ingressClass`,
          observed: className,
        },
      };
    }
  }
  return undefined;
}

/** Returns an image reference without its registry host, tag and digest. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  const withoutTag =
    lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
  const segments = withoutTag.split('/');
  const hasRegistry =
    segments.length > 1 &&
    (segments[0].includes('.') ||
      segments[0].includes(':') ||
      segments[0] === 'localhost');
  return (hasRegistry ? segments.slice(1) : segments).join('/').toLowerCase();
}

/**
 * Identifies an ingress controller container from its image, which is often
 * mirrored into a private registry, and from its `--controller-class`
 * argument. Microsoft's NGINX build serves both community installs and the
 * application routing add-on, so only the argument distinguishes them.
 */
export function controllerKindOfContainer(
  container: JsonObject,
): ControllerKind | undefined {
  const image =
    typeof container.image === 'string' ? imageRepository(container.image) : '';
  const controllerClass = containerFlag(container, 'controller-class');
  const isNginxBuild =
    /(^|\/)ingress-nginx\/controller(-chroot)?$/.test(image) ||
    image.endsWith('oss/kubernetes/ingress/nginx-ingress-controller') ||
    containerArgs(container).includes('/nginx-ingress-controller');
  if (isNginxBuild) {
    return controllerClass
      ? controllerKindOf(controllerClass) ?? 'ingress-nginx'
      : 'ingress-nginx';
  }

  if (image === 'traefik' || image.endsWith('/traefik')) {
    return 'traefik';
  }
  if (image.includes('azure-application-gateway/kubernetes-ingress')) {
    return 'agic';
  }
  if (image.endsWith('/alb-controller')) {
    return 'agc';
  }
  return undefined;
}

/** A Deployment or DaemonSet that runs an ingress controller. */
export interface ControllerWorkload {
  workload: KubernetesResource;
  container: JsonObject;
  kind: ControllerKind;
}

/** Returns every workload read, in any namespace, that runs an identifiable ingress controller. */
export function controllerWorkloads(
  context: EvaluationContext,
): ControllerWorkload[] {
  const workloads = [
    ...context.kubernetesInAnyNamespace('Deployment'),
    ...context.kubernetesInAnyNamespace('DaemonSet'),
  ];
  const found: ControllerWorkload[] = [];
  for (const workload of workloads) {
    for (const container of podContainers(workload)) {
      const kind = controllerKindOfContainer(container);
      if (kind) {
        found.push({ workload, container, kind });
        break;
      }
    }
  }
  return found;
}
