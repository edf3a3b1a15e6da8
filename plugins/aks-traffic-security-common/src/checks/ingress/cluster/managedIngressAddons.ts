import { ArmResource, JsonValue, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome, unknown } from '../../outcomes';
import {
  booleanAt,
  getPath,
  isJsonObject,
  parseBoolean,
  stringAt,
} from '../../../resources/json';
import { objectRef } from '../kubernetes/kubernetesObjects';
import { addonProfile, unreadableAddonProfiles } from './addonProfiles';

/** The load balancer annotation that makes a Service's frontend internal. */
const INTERNAL_LB_ANNOTATION =
  'service.beta.kubernetes.io/azure-load-balancer-internal';

export const managedIngressAddons: CheckDefinition = {
  id: 'ingress.aks.managed-ingress-addons',
  flow: 'ingress',
  severity: 'medium',
  level: 'baseline',
  title:
    'No AKS-managed ingress add-on opens a path around the Application Gateway chain.',
  why: 'HTTP application routing, the Application Gateway Ingress Controller and a public application routing NGINX controller each add an entry point that bypasses or rewrites the Application Gateway, internal load balancer and ingress controller chain.',
  remediation:
    'Disable `httpApplicationRouting` and `ingressApplicationGateway`, and either disable `ingressProfile.webAppRouting` or set `nginx.defaultIngressControllerType` to `Internal` or `None`; run the ingress controller behind the internal load balancer.',
  documentationUrl: 'https://learn.microsoft.com/azure/aks/app-routing',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const unreadable = unreadableAddonProfiles(cluster, [
      'httpApplicationRouting',
      'ingressApplicationGateway',
    ]);
    if (unreadable) {
      return unreadable;
    }

    return combineElements(
      [
        httpApplicationRouting(cluster),
        applicationGatewayIngress(cluster),
        webAppRouting(cluster, context),
      ],
      'No managed ingress add-on was evaluated.',
    );
  },
};

/**
 * Returns an `unknown` outcome when an add-on's `enabled` is present but is
 * neither a boolean nor a string that `parseBoolean` accepts. Returns
 * `undefined` for an absent or null `enabled`, which means off.
 */
function unrecognisedEnabled(
  element: string,
  cluster: ArmResource,
  path: string,
  raw: JsonValue | undefined,
): ElementOutcome | undefined {
  if (raw === undefined || raw === null || parseBoolean(raw) !== undefined) {
    return undefined;
  }
  return {
    element,
    ...unknown(
      'unrecognised-value',
      `${element} has the unrecognised enabled value ${JSON.stringify(
        raw,
      )}, so whether the add-on is on cannot be told.`,
      [{ resource: cluster.id, path, observed: raw, expected: false }],
    ),
  };
}

function httpApplicationRouting(cluster: ArmResource): ElementOutcome {
  const addon = addonProfile(cluster, 'httpApplicationRouting');
  const unrecognised = unrecognisedEnabled(
    'httpApplicationRouting',
    cluster,
    `${addon.path}.enabled`,
    addon.profile?.enabled,
  );
  if (unrecognised) {
    return unrecognised;
  }
  const evidence = [
    {
      resource: cluster.id,
      path: `${addon.path}.enabled`,
      observed: addon.profile?.enabled ?? null,
      expected: false,
    },
  ];
  return addon.enabled === true
    ? {
        element: 'httpApplicationRouting',
        verdict: 'fail',
        message:
          'The HTTP application routing add-on is enabled: it serves plain HTTP on a public IP address with public DNS, and the add-on is retired.',
        evidence,
      }
    : {
        element: 'httpApplicationRouting',
        verdict: 'pass',
        message: 'HTTP application routing is off.',
        evidence,
      };
}

function applicationGatewayIngress(cluster: ArmResource): ElementOutcome {
  const addon = addonProfile(cluster, 'ingressApplicationGateway');
  const unrecognised = unrecognisedEnabled(
    'ingressApplicationGateway',
    cluster,
    `${addon.path}.enabled`,
    addon.profile?.enabled,
  );
  if (unrecognised) {
    return unrecognised;
  }
  if (addon.enabled !== true) {
    return {
      element: 'ingressApplicationGateway',
      verdict: 'pass',
      message: 'The Application Gateway Ingress Controller add-on is off.',
      evidence: [
        {
          resource: cluster.id,
          path: `${addon.path}.enabled`,
          observed: addon.profile?.enabled ?? null,
          expected: false,
        },
      ],
    };
  }

  const gatewayId =
    stringAt(addon.profile, 'config.effectiveApplicationGatewayId') ??
    stringAt(addon.profile, 'config.applicationGatewayId');
  return {
    element: 'ingressApplicationGateway',
    verdict: 'warn',
    reason: 'agic-enabled',
    message: `The Application Gateway Ingress Controller add-on is enabled and rewrites the configuration of gateway ${
      gatewayId ?? '(not shown)'
    }, which drifts from the listener and TLS settings managed as code.`,
    evidence: [
      {
        resource: cluster.id,
        path: `${addon.path}.enabled`,
        observed: true,
        expected: false,
      },
      {
        resource: cluster.id,
        path: `${addon.path}.config.effectiveApplicationGatewayId`,
        observed: gatewayId ?? null,
        note: 'the Application Gateway the add-on manages',
      },
    ],
  };
}

function webAppRouting(
  cluster: ArmResource,
  context: EvaluationContext,
): ElementOutcome {
  const path = 'properties.ingressProfile.webAppRouting';
  const unrecognised = unrecognisedEnabled(
    'webAppRouting',
    cluster,
    `${path}.enabled`,
    getPath(cluster.body, `${path}.enabled`),
  );
  if (unrecognised) {
    return unrecognised;
  }
  const enabled = booleanAt(cluster.body, `${path}.enabled`);
  if (enabled !== true) {
    return {
      element: 'webAppRouting',
      verdict: 'pass',
      message: 'The application routing add-on is off.',
      evidence: [
        {
          resource: cluster.id,
          path: `${path}.enabled`,
          observed: getPath(cluster.body, `${path}.enabled`) ?? null,
          expected: false,
        },
      ],
    };
  }

  const controllerType = stringAt(
    cluster.body,
    `${path}.nginx.defaultIngressControllerType`,
  );
  const typeEvidence = {
    resource: cluster.id,
    path: `${path}.nginx.defaultIngressControllerType`,
    observed: controllerType ?? null,
    expected: ['Internal', 'None'],
  };
  if (
    controllerType &&
    ['internal', 'none'].includes(controllerType.toLowerCase())
  ) {
    return {
      element: 'webAppRouting',
      verdict: 'pass',
      message: `The application routing add-on is on, but its default NGINX controller is ${controllerType}.`,
      evidence: [typeEvidence],
    };
  }

  // Only AnnotationControlled leaves each controller's load balancer to the
  // annotations of its NginxIngressController object. With External, the
  // default when the type is absent, the add-on keeps its default controller
  // public whatever the objects read show.
  const annotationControlled =
    controllerType?.toLowerCase() === 'annotationcontrolled';
  const controllers = annotationControlled
    ? context.kubernetesInAnyNamespace('NginxIngressController')
    : [];
  const publicControllers = controllers.filter(
    controller => internalAnnotation(controller) !== 'true',
  );
  if (controllers.length > 0 && publicControllers.length === 0) {
    return {
      element: 'webAppRouting',
      verdict: 'pass',
      message: `The application routing add-on is on, and all ${controllers.length} NginxIngressController objects use an internal load balancer.`,
      evidence: [
        typeEvidence,
        ...controllers.map(controller => ({
          resource: objectRef(controller, context),
          path: `spec.loadBalancerAnnotations["${INTERNAL_LB_ANNOTATION}"]`,
          observed: 'true',
          expected: 'true',
        })),
      ],
    };
  }

  return {
    element: 'webAppRouting',
    verdict: 'warn',
    reason: 'public-app-routing',
    message:
      controllerType?.toLowerCase() === 'annotationcontrolled'
        ? 'The application routing add-on is on and leaves the load balancer type to each NginxIngressController, and not every one read is shown to be internal.'
        : `The application routing add-on is on and its default NGINX controller is ${
            controllerType ?? 'External (default)'
          }, which puts it on a public load balancer.`,
    evidence: [
      {
        resource: cluster.id,
        path: `${path}.enabled`,
        observed: true,
        expected: false,
      },
      typeEvidence,
      ...publicControllers.map(controller => ({
        resource: objectRef(controller, context),
        path: `spec.loadBalancerAnnotations["${INTERNAL_LB_ANNOTATION}"]`,
        observed: internalAnnotation(controller) ?? null,
        expected: 'true',
      })),
    ],
  };
}

function internalAnnotation(
  controller: KubernetesResource,
): string | undefined {
  const annotations = getPath(controller.body, 'spec.loadBalancerAnnotations');
  if (!isJsonObject(annotations)) {
    return undefined;
  }
  const internal = annotations[INTERNAL_LB_ANNOTATION];
  return typeof internal === 'string' ? internal : undefined;
}
