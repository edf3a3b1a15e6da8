import { Evidence, JsonObject, KubernetesResource } from '../../types';
import { CheckDefinition, CheckOutcome } from '../types';
import {
  combineElements,
  ElementOutcome,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import {
  getIgnoreCase,
  getPath,
  objectsAt,
  stringAt,
} from '../../resources/json';
import {
  annotation,
  namespaceOf,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import {
  readTraefikConfiguration,
  traefikValue,
} from '../ingress/kubernetes/traefikConfig';
import {
  BackendReference,
  exposedServices,
  NO_ROUTED_SERVICE,
} from './exposedServices';
import { isGatewayApiObject } from '../ingress/kubernetes/entryPoints';

const NGINX_BACKEND_PROTOCOL = 'nginx.ingress.kubernetes.io/backend-protocol';
const NGINX_PROXY_SSL_VERIFY = 'nginx.ingress.kubernetes.io/proxy-ssl-verify';
const AGIC_BACKEND_PROTOCOL = 'appgw.ingress.kubernetes.io/backend-protocol';
const AGIC_TRUSTED_ROOT =
  'appgw.ingress.kubernetes.io/appgw-trusted-root-certificate';
const TRAEFIK_SERVERS_SCHEME =
  'traefik.ingress.kubernetes.io/service.serversscheme';
const TRAEFIK_SERVERS_TRANSPORT =
  'traefik.ingress.kubernetes.io/service.serverstransport';

/** The protocol of the hop from the controller to the pods behind one backend reference. */
interface Hop {
  protocol: 'tls' | 'plaintext' | 'undetermined';
  verified: boolean;
  evidence: Evidence[];
  /** The message of an undetermined hop whose Service was read. */
  reason?: string;
}

/** Returns the Service port a backend reference names, by number or name. */
function servicePort(
  service: KubernetesResource,
  port: number | string | undefined,
): JsonObject | undefined {
  const ports = objectsAt(service.body, 'spec.ports');
  if (port === undefined) {
    return ports.length === 1 ? ports[0] : undefined;
  }
  return ports.find(candidate =>
    typeof port === 'number'
      ? candidate.port === port
      : candidate.name === port,
  );
}

/** Tells whether a static Traefik configuration file sets `insecureSkipVerify` under a transport section. */
function staticTransportSkipsVerification(
  section: string[],
  context: EvaluationContext,
): boolean {
  return readTraefikConfiguration(context).files.some(
    file =>
      String(traefikValue(file.config, [...section, 'insecureSkipVerify'])) ===
      'true',
  );
}

/** The schemes Traefik accepts on a `services` entry, and whether each dials the pods with TLS. */
const TRAEFIK_SCHEMES: Record<string, boolean> = {
  http: false,
  h2c: false,
  https: true,
};

/**
 * Finds the ServersTransport (or ServersTransportTCP) that a reference
 * names, from a route's `services` entry or a Service's annotation. Traefik
 * reads a plain name in the `namespace` given, and a name with `@` as a key
 * of its own: `<namespace>-<name>@kubernetescrd` for a Kubernetes object, or
 * the transport of another provider such as `@file`, which is not read.
 * Returns `undefined` for no reference, and `'not-read'` when the named
 * transport is not among the objects read.
 */
function namedTransport(
  reference: string | undefined,
  kind: string,
  namespace: string | undefined,
  context: EvaluationContext,
): KubernetesResource | 'not-read' | undefined {
  if (!reference) {
    return undefined;
  }

  const [name, provider] = reference.split('@');
  const key = provider === undefined ? `${namespace ?? ''}-${name}` : name;
  if (provider !== undefined && provider !== 'kubernetescrd') {
    return 'not-read';
  }
  return (
    context
      .kubernetesInAnyNamespace(kind)
      .find(
        candidate =>
          `${namespaceOf(candidate, context) ?? ''}-${candidate.name}` === key,
      ) ?? 'not-read'
  );
}

/**
 * Reads the hop from Traefik to the pods behind one `services` entry of an
 * IngressRoute or IngressRouteTCP. An HTTP route uses `scheme`, which
 * Traefik sets to https by default for a Service port 443 or a port whose
 * name starts with `https`, and verifies the pod certificate unless its
 * ServersTransport or the static configuration sets `insecureSkipVerify`.
 * A TCP route that passes TLS through leaves TLS to the pods and the
 * client, and one that terminates TLS dials the pods with TLS only when the
 * entry sets `tls: true`. What the checks cannot read is undetermined.
 */
function traefikRouteHop(
  reference: BackendReference,
  entry: JsonObject,
  service: KubernetesResource | undefined,
  context: EvaluationContext,
): Hop {
  const route = reference.route;
  const resource = objectRef(route, context);
  const undetermined = (reason: string): Hop => ({
    protocol: 'undetermined',
    verified: false,
    evidence: [],
    reason,
  });
  if (reference.unfollowed) {
    return undetermined(
      `${resource} routes to ${reference.unfollowed} ${reference.serviceName}, which the checks do not follow, so the protocol to its pods is not known.`,
    );
  }

  const isTcp = route.objectKind === 'IngressRouteTCP';
  const transport = namedTransport(
    stringAt(entry, 'serversTransport'),
    isTcp ? 'ServersTransportTCP' : 'ServersTransport',
    namespaceOf(route, context),
    context,
  );
  const transportSkips = (path: string) =>
    transport !== undefined &&
    transport !== 'not-read' &&
    String(getPath(transport.body, path)) === 'true';

  let tls: boolean;
  let evidence: Evidence;
  if (isTcp) {
    const passthrough =
      String(getPath(route.body, 'spec.tls.passthrough')) === 'true';
    if (passthrough) {
      return {
        protocol: 'tls',
        verified: true,
        evidence: [
          {
            resource,
            path: 'spec.tls.passthrough',
            observed: true,
            note: 'Traefik passes the client TLS through, so the pods terminate TLS and the client verifies them.',
          },
        ],
      };
    }
    tls = String(entry.tls) === 'true';
    evidence = {
      resource,
      path: `${reference.path}.tls`,
      observed: entry.tls ?? null,
      expected: true,
    };
  } else {
    const scheme = stringAt(entry, 'scheme');
    if (scheme !== undefined && !Object.hasOwn(TRAEFIK_SCHEMES, scheme)) {
      return undetermined(
        `${resource} sets scheme ${scheme} for Service ${reference.serviceName}, which Traefik does not accept (http, https or h2c), so the protocol to its pods is not known.`,
      );
    }
    if (scheme === undefined && !service) {
      return undetermined(
        `Service ${reference.serviceName}, routed to by ${resource} without a scheme, was not read, so the protocol to its pods is not known.`,
      );
    }
    const port = service ? servicePort(service, reference.port) : undefined;
    tls =
      scheme !== undefined
        ? TRAEFIK_SCHEMES[scheme]
        : port?.port === 443 ||
          (stringAt(port, 'name') ?? '').startsWith('https');
    evidence = {
      resource,
      path: `${reference.path}.scheme`,
      observed: scheme ?? null,
      expected: 'https',
      note:
        scheme === undefined
          ? 'unset: Traefik uses https for Service port 443 or a port named https*'
          : undefined,
    };
  }

  if (tls && transport === 'not-read') {
    return undetermined(
      `${resource} names ServersTransport ${stringAt(
        entry,
        'serversTransport',
      )} for Service ${
        reference.serviceName
      }, which was not read, so whether Traefik verifies the pod certificate is not known.`,
    );
  }
  const skips = isTcp
    ? staticTransportSkipsVerification(
        ['tcpServersTransport', 'tls'],
        context,
      ) || transportSkips('spec.tls.insecureSkipVerify')
    : staticTransportSkipsVerification(['serversTransport'], context) ||
      transportSkips('spec.insecureSkipVerify');
  return {
    protocol: tls ? 'tls' : 'plaintext',
    verified: tls && !skips,
    evidence: [evidence],
  };
}

/** Tells whether an Open Service Mesh IngressBackend verifies the controller for this Service (mTLS). */
function meshIngressBackend(
  serviceName: string,
  context: EvaluationContext,
): KubernetesResource | undefined {
  return context
    .kubernetesInAnyNamespace('IngressBackend')
    .find(backend =>
      objectsAt(backend.body, 'spec.backends').some(
        item =>
          item.name === serviceName &&
          /^https$/i.test(stringAt(item, 'port.protocol') ?? '') &&
          getIgnoreCase(item.tls, 'skipClientCertValidation') !== true,
      ),
    );
}

/**
 * Reads the protocol of the hop from the controller annotations of the
 * route, else from the Service's Traefik annotation or port `appProtocol`.
 */
function annotatedHop(
  reference: BackendReference,
  service: KubernetesResource | undefined,
  context: EvaluationContext,
): Hop {
  const ingress = reference.route;
  const resource = objectRef(ingress, context);

  const nginxProtocol = annotation(ingress, NGINX_BACKEND_PROTOCOL);
  if (nginxProtocol !== undefined) {
    const tls = /^(https|grpcs)$/i.test(nginxProtocol);
    const verify = annotation(ingress, NGINX_PROXY_SSL_VERIFY);
    return {
      protocol: tls ? 'tls' : 'plaintext',
      verified: tls && verify === 'on',
      evidence: [
        {
          resource,
          path: `metadata.annotations["${NGINX_BACKEND_PROTOCOL}"]`,
          observed: nginxProtocol,
        },
        ...(tls
          ? [
              {
                resource,
                path: `metadata.annotations["${NGINX_PROXY_SSL_VERIFY}"]`,
                observed: verify ?? null,
                expected: 'on',
              },
            ]
          : []),
      ],
    };
  }

  const agicProtocol = annotation(ingress, AGIC_BACKEND_PROTOCOL);
  if (agicProtocol !== undefined) {
    const tls = /^https$/i.test(agicProtocol);
    const trustedRoot = annotation(ingress, AGIC_TRUSTED_ROOT);
    return {
      protocol: tls ? 'tls' : 'plaintext',
      verified: tls && !!trustedRoot,
      evidence: [
        {
          resource,
          path: `metadata.annotations["${AGIC_BACKEND_PROTOCOL}"]`,
          observed: agicProtocol,
        },
        ...(tls
          ? [
              {
                resource,
                path: `metadata.annotations["${AGIC_TRUSTED_ROOT}"]`,
                observed: trustedRoot ?? null,
                expected: 'a trusted root certificate name',
              },
            ]
          : []),
      ],
    };
  }

  if (!service) {
    return { protocol: 'undetermined', verified: false, evidence: [] };
  }
  const serviceRef = objectRef(service, context);
  const scheme = annotation(service, TRAEFIK_SERVERS_SCHEME);
  const port = servicePort(service, reference.port);
  const appProtocol = stringAt(port, 'appProtocol');
  const portName = stringAt(port, 'name');

  if (scheme !== undefined && /^https$/i.test(scheme)) {
    // The Service names a ServersTransport as `<namespace>-<name>@kubernetescrd`.
    const transportReference = annotation(service, TRAEFIK_SERVERS_TRANSPORT);
    const transport = namedTransport(
      transportReference,
      'ServersTransport',
      namespaceOf(service, context),
      context,
    );
    if (transport === 'not-read') {
      return {
        protocol: 'undetermined',
        verified: false,
        evidence: [],
        reason: `${serviceRef} names ServersTransport ${transportReference}, which was not read, so whether Traefik verifies the pod certificate is not known.`,
      };
    }
    return {
      protocol: 'tls',
      verified:
        !staticTransportSkipsVerification(['serversTransport'], context) &&
        String(getIgnoreCase(transport?.body.spec, 'insecureSkipVerify')) !==
          'true',
      evidence: [
        {
          resource: serviceRef,
          path: `metadata.annotations["${TRAEFIK_SERVERS_SCHEME}"]`,
          observed: scheme,
          note: 'Traefik verifies backend certificates unless insecureSkipVerify is set.',
        },
      ],
    };
  }
  if (
    appProtocol !== undefined &&
    /^(https|kubernetes\.io\/wss)$/i.test(appProtocol)
  ) {
    return {
      protocol: 'tls',
      verified: false,
      evidence: [
        {
          resource: serviceRef,
          path: 'spec.ports[*].appProtocol',
          observed: appProtocol,
          note: 'appProtocol alone does not show that the controller verifies the pod certificate.',
        },
      ],
    };
  }
  return {
    protocol: 'plaintext',
    verified: false,
    evidence: [
      {
        resource: serviceRef,
        path: 'spec.ports',
        observed: {
          name: portName ?? null,
          port: port?.port ?? null,
          appProtocol: appProtocol ?? null,
        },
        note: 'no backend-protocol annotation, serversscheme or appProtocol selects TLS',
      },
    ],
  };
}

/** Tells whether a Gateway API BackendTLSPolicy targets the Service; such a policy always validates the certificate. */
function backendTlsPolicyFor(
  service: KubernetesResource | undefined,
  context: EvaluationContext,
): KubernetesResource | undefined {
  if (!service) {
    return undefined;
  }
  return context
    .kubernetesInAnyNamespace('BackendTLSPolicy')
    .find(policy =>
      objectsAt(policy.body, 'spec.targetRefs').some(
        target =>
          target.name === service.name &&
          (target.kind ?? 'Service') === 'Service',
      ),
    );
}

/** Reads the hop to the pods behind one backend reference, by the kind of route. */
function hopOf(
  reference: BackendReference,
  service: KubernetesResource | undefined,
  context: EvaluationContext,
): Hop {
  // A BackendTLSPolicy applies to Gateway API routes only.
  const policy = isGatewayApiObject(reference.route)
    ? backendTlsPolicyFor(service, context)
    : undefined;
  if (policy) {
    return {
      protocol: 'tls',
      verified: true,
      evidence: [
        { resource: objectRef(policy, context), path: 'spec.validation' },
      ],
    };
  }
  if (reference.traefikService) {
    return traefikRouteHop(
      reference,
      reference.traefikService,
      service,
      context,
    );
  }
  return annotatedHop(reference, service, context);
}

function judgeReference(
  reference: BackendReference,
  service: KubernetesResource | undefined,
  context: EvaluationContext,
): CheckOutcome {
  const route = objectRef(reference.route, context);
  const hop = hopOf(reference, service, context);

  if (hop.protocol === 'undetermined') {
    return unknown(
      'unresolved-reference',
      hop.reason ??
        `Service ${reference.serviceName}, routed to by ${route}, was not read, so the protocol to its pods is not known.`,
      [
        {
          resource: route,
          path: reference.path,
          observed: reference.serviceName,
        },
      ],
    );
  }

  const mesh = meshIngressBackend(reference.serviceName, context);
  if (mesh) {
    hop.evidence.push({
      resource: objectRef(mesh, context),
      path: 'spec.backends',
      note: 'the service mesh verifies the controller with mTLS',
    });
  }
  if (hop.protocol === 'tls') {
    return hop.verified || mesh
      ? pass(
          `The controller reaches ${reference.serviceName} over verified TLS.`,
          hop.evidence,
        )
      : warn(
          `The controller reaches ${reference.serviceName} over TLS without verifying the pod certificate.`,
          hop.evidence,
          'tls-not-verified',
        );
  }

  const required =
    context.policy.requireTlsToPod || context.scope.tlsToPod === true;
  if (required) {
    return warn(
      `The controller reaches ${
        reference.serviceName
      } over plaintext HTTP, but ${
        context.policy.requireTlsToPod ? 'organisation policy' : 'the service'
      } requires TLS to the pod.`,
      hop.evidence,
      'plaintext-to-pod',
    );
  }
  return pass(
    `The controller reaches ${reference.serviceName} over plaintext HTTP, which the target architecture allows.`,
    [
      ...hop.evidence,
      {
        resource: route,
        path: reference.path,
        note: 'The hop from the ingress controller to the pods is plaintext.',
      },
    ],
  );
}

export const backendTls: CheckDefinition = {
  id: 'pod.k8s.backend-tls',
  flow: 'pod-to-pod',
  severity: 'low',
  level: 'advisory',
  title:
    'The ingress controller reaches the pods over verified TLS where TLS is required.',
  why: 'The last hop from the ingress controller to the pods crosses the pod network; TLS without certificate verification protects against eavesdropping but not against an impostor pod.',
  remediation:
    'Where TLS to the pod is required, terminate TLS in the pod and have the controller verify it (`nginx.ingress.kubernetes.io/backend-protocol: HTTPS` with `proxy-ssl-verify: "on"`, a Traefik ServersTransport with the CA, a Gateway API BackendTLSPolicy, or service mesh mTLS).',
  documentationUrl:
    'https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks',
  evaluate(context) {
    const exposed = exposedServices(context);
    if (!exposed.found) {
      return exposed.outcome;
    }

    const outcomes: ElementOutcome[] = exposed.value.services.flatMap(entry =>
      entry.references.map(reference => ({
        element: `${reference.route.name}/${entry.name}`,
        ...judgeReference(reference, entry.service, context),
      })),
    );
    return combineElements(outcomes, NO_ROUTED_SERVICE);
  },
};
