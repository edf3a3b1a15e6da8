import { KubernetesResource } from '../../../types';
import {
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome } from '../../outcomes';
import { stringAt } from '../../../resources/json';
import {
  kindReadFailure,
  listOptionalKind,
  namespaceOf,
  objectRef,
} from './kubernetesObjects';
import {
  elementFromFindings,
  Finding,
  passFinding,
  podTlsFinding,
} from './findings';
import { isGatewayApiObject } from './entryPoints';
import {
  attachedListeners,
  findGateway,
  gatewayParentRefs,
  httpRoutesInAnyNamespace,
  isRedirectOnlyRoute,
  Listener,
  listenerRef,
  listenersOf,
  listHttpRoutes,
} from './gatewayApi';
import { spcSyncingSecret } from './secretProviderClasses';

export const gatewayListenerTls: CheckDefinition = {
  id: 'ingress.k8s.gateway-listener-tls',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title:
    'Every Gateway listener terminates TLS for an explicit host with a certificate synced from Key Vault.',
  why: 'When the Gateway API serves the service, its listeners are the second TLS hop: a plaintext or catch-all listener, or a certificate that does not come from Key Vault, breaks the chain.',
  remediation:
    'Use one HTTPS listener per host with `hostname` set and `tls.certificateRefs` naming the Secret a SecretProviderClass syncs from Key Vault; keep port 80 only for an HTTPRoute that redirects to https.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/gateway/',
  evaluate(context) {
    const gateways = listOptionalKind(context, 'Gateway');
    if (!gateways.found) {
      return gateways.outcome;
    }
    const routes = listHttpRoutes(context);

    const elements = gateways.value
      .filter(isGatewayApiObject)
      .flatMap(gateway =>
        listenersOf(gateway).map(listener =>
          evaluateListener(listener, routes, context),
        ),
      );
    return combineElements(
      elements,
      'The namespace has no Gateway API Gateway.',
    );
  },
};

function evaluateListener(
  listener: Listener,
  routes: Lookup<KubernetesResource[]>,
  context: EvaluationContext,
): ElementOutcome {
  const element = listenerRef(listener, context);
  const base = `spec.listeners[${listener.index}]`;
  const resource = objectRef(listener.gateway, context);
  const findings: Finding[] = [];

  if (listener.hostname === undefined) {
    findings.push({
      verdict: 'fail',
      text: 'the listener has no hostname, so it accepts every host',
      evidence: {
        resource,
        path: `${base}.hostname`,
        observed: null,
        expected: 'an explicit host name',
      },
    });
  }

  if (listener.protocol === 'HTTPS' || listener.protocol === 'TLS') {
    findings.push(...tlsFindings(listener, resource, base, context));
  } else if (listener.protocol === 'HTTP') {
    findings.push(httpFinding(listener, routes, resource, base, context));
  } else {
    findings.push({
      verdict: 'fail',
      text: `protocol ${
        listener.protocol || '(unset)'
      } carries traffic without TLS`,
      evidence: {
        resource,
        path: `${base}.protocol`,
        observed: listener.protocol || null,
        expected: 'HTTPS',
      },
    });
  }

  return elementFromFindings(
    element,
    findings,
    `${element} terminates TLS for ${listener.hostname} with a certificate synced from Key Vault.`,
  );
}

function tlsFindings(
  listener: Listener,
  resource: string,
  base: string,
  context: EvaluationContext,
): Finding[] {
  const modePath = `${base}.tls.mode`;
  if (listener.tlsMode === 'Passthrough') {
    if (listener.protocol === 'HTTPS') {
      return [
        {
          verdict: 'fail',
          text: 'an HTTPS listener cannot pass TLS through',
          evidence: {
            resource,
            path: modePath,
            observed: 'Passthrough',
            expected: 'Terminate',
          },
        },
      ];
    }
    return [
      podTlsFinding(
        context.scope.tlsToPod,
        { resource, path: modePath, observed: 'Passthrough' },
        {
          fail: 'TLS passes through to pods that do not terminate TLS',
          unknown:
            'TLS passes through, and whether the pods terminate TLS is not declared',
          expected: 'Terminate',
        },
      ),
    ];
  }

  if (listener.certificateRefs.length === 0) {
    return [
      {
        verdict: 'fail',
        text: 'the listener names no certificate',
        evidence: {
          resource,
          path: `${base}.tls.certificateRefs`,
          observed: null,
          expected: 'a Secret synced from Key Vault',
        },
      },
    ];
  }
  return listener.certificateRefs.map((ref, index) =>
    certificateFinding(
      listener,
      ref,
      `${base}.tls.certificateRefs[${index}]`,
      resource,
      context,
    ),
  );
}

function certificateFinding(
  listener: Listener,
  ref: Record<string, unknown>,
  path: string,
  resource: string,
  context: EvaluationContext,
): Finding {
  const kind = stringAt(ref, 'kind') ?? 'Secret';
  const group = stringAt(ref, 'group') ?? '';
  const name = stringAt(ref, 'name') ?? '';
  const namespace =
    stringAt(ref, 'namespace') ?? namespaceOf(listener.gateway, context);
  const observed = `${namespace ?? '(namespace unknown)'}/${kind}/${name}`;
  if (kind !== 'Secret' || group !== '') {
    return {
      verdict: 'unknown',
      reason: 'unsupported-certificate-ref',
      text: `certificate reference ${observed} is not a Secret, so its origin cannot be judged`,
      evidence: { resource, path, observed },
    };
  }

  const spc = spcSyncingSecret(context, namespace, name);
  if (spc) {
    return passFinding({
      resource,
      path,
      observed,
      note: `synced by SecretProviderClass ${spc.name}`,
    });
  }
  const failure = kindReadFailure(context, 'SecretProviderClass');
  return failure
    ? {
        verdict: 'unknown',
        reason: failure.reason,
        text: 'SecretProviderClasses could not be read',
        evidence: { resource, path, observed, note: failure.message },
      }
    : {
        verdict: 'fail',
        text: `certificate Secret ${
          namespace ?? ''
        }/${name} is not synced from Key Vault by any SecretProviderClass`,
        evidence: {
          resource,
          path,
          observed,
          expected: 'a Secret listed in a SecretProviderClass secretObjects',
        },
      };
}

/**
 * Judges a plain HTTP listener by the HTTPRoutes and GRPCRoutes attached to it: any route
 * that does more than redirect to https fails, a listener that only
 * redirects or carries no route is a warning.
 */
function httpFinding(
  listener: Listener,
  routes: Lookup<KubernetesResource[]>,
  resource: string,
  base: string,
  context: EvaluationContext,
): Finding {
  if (!routes.found) {
    return {
      verdict: 'unknown',
      reason: routes.outcome.reason,
      text: 'HTTPRoutes or GRPCRoutes could not be read',
      evidence: {
        resource,
        path: `${base}.protocol`,
        observed: 'HTTP',
        note: routes.outcome.message,
      },
    };
  }

  // Routes in other namespaces attach when the listener admits them.
  const candidates = [
    ...new Set([...routes.value, ...httpRoutesInAnyNamespace(context)]),
  ];
  const attached = candidates.filter(route =>
    gatewayParentRefs(route, context).some(
      ref =>
        findGateway(ref, context) === listener.gateway &&
        attachedListeners(route, ref, listener.gateway, context).some(
          item => item.index === listener.index,
        ),
    ),
  );
  const serving = attached.filter(route => !isRedirectOnlyRoute(route));
  const routeNames = (list: KubernetesResource[]) =>
    list.map(route => objectRef(route, context));

  if (serving.length > 0) {
    return {
      verdict: 'fail',
      text: `plain HTTP serves routes ${routeNames(serving).join(', ')}`,
      evidence: {
        resource,
        path: `${base}.protocol`,
        observed: 'HTTP',
        expected: 'HTTPS',
        note: `routes served over plain HTTP: ${routeNames(serving).join(
          ', ',
        )}`,
      },
    };
  }
  if (attached.length > 0) {
    return {
      verdict: 'warn',
      reason: 'redirect-only-http-listener',
      text: 'plain HTTP is open but only redirects to https',
      evidence: {
        resource,
        path: `${base}.protocol`,
        observed: 'HTTP',
        note: `redirect-only routes: ${routeNames(attached).join(', ')}`,
      },
    };
  }
  return {
    verdict: 'warn',
    reason: 'unused-http-listener',
    text: 'a plain HTTP listener is open with no route attached',
    evidence: {
      resource,
      path: `${base}.protocol`,
      observed: 'HTTP',
      expected: 'HTTPS',
    },
  };
}
