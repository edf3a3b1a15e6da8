import { KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckOutcome } from '../../types';
import { unknown } from '../../outcomes';
import { isJsonObject } from '../../../resources/json';
import {
  containerFlag,
  expandPodNamespace,
  isInNamespace,
  labelsAt,
  namespaceOf,
  objectRef,
} from './kubernetesObjects';
import {
  ControllerKind,
  ControllerWorkload,
  controllerWorkloads,
} from './ingressControllers';

/** The `ssl-protocols` value ingress-nginx uses when its ConfigMap sets none. */
export const NGINX_DEFAULT_SSL_PROTOCOLS = 'TLSv1.2 TLSv1.3';

/** Protocol names that `ssl-protocols` may list and that are older than TLS 1.2. */
export const NGINX_WEAK_PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1'];

/** Every protocol name that NGINX's `ssl_protocols` accepts; it rejects any other. */
export const NGINX_PROTOCOLS = [...NGINX_WEAK_PROTOCOLS, 'TLSv1.2', 'TLSv1.3'];

/**
 * IANA names of the OpenSSL cipher names that an approved set may contain.
 * Any other OpenSSL name, or a keyword such as `HIGH`, is not pinned to an
 * approved suite.
 */
const OPENSSL_TO_IANA: Record<string, string> = {
  'ECDHE-ECDSA-AES128-GCM-SHA256': 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384': 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256': 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384': 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305':
    'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'ECDHE-RSA-CHACHA20-POLY1305': 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'DHE-RSA-AES128-GCM-SHA256': 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  'DHE-RSA-AES256-GCM-SHA384': 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
};

/** Returns the IANA name of an OpenSSL cipher name, or the name itself when it is not known. */
export function ianaCipherName(openSslName: string): string {
  return OPENSSL_TO_IANA[openSslName] ?? openSslName;
}

/** The source of an NGINX controller's settings: its ConfigMap, or its built-in defaults. */
export type NginxConfigSource =
  | {
      found: true;
      configMap?: KubernetesResource;
      controller?: ControllerWorkload;
      note: string;
    }
  | { found: false; outcome: CheckOutcome };

/**
 * Finds the ConfigMap an NGINX controller of the given kind reads: the one
 * its `--configmap` argument names, or, when no controller workload was
 * read, a ConfigMap that ingress-nginx's manifests install
 * (`ingress-nginx-controller`, or labelled as the ingress-nginx controller).
 * A controller without `--configmap` runs on its built-in defaults.
 */
export function nginxConfigSource(
  kind: ControllerKind,
  context: EvaluationContext,
  controller?: ControllerWorkload,
): NginxConfigSource {
  const configMaps = context.kubernetesInAnyNamespace('ConfigMap');
  const controllers = controller
    ? [controller]
    : controllerWorkloads(context).filter(workload => workload.kind === kind);

  for (const candidate of controllers) {
    const flag = containerFlag(candidate.container, 'configmap');
    const workload = objectRef(candidate.workload, context);
    if (flag === undefined) {
      return {
        found: true,
        controller: candidate,
        note: `${workload} has no --configmap argument and runs on built-in defaults`,
      };
    }

    const namespace = namespaceOf(candidate.workload, context);
    const reference = expandPodNamespace(flag, namespace);
    const [configNamespace, name] = reference.includes('/')
      ? [
          reference.slice(0, reference.indexOf('/')),
          reference.slice(reference.indexOf('/') + 1),
        ]
      : [namespace, reference];
    const configMap = configMaps.find(
      item => item.name === name && isInNamespace(item, configNamespace),
    );
    if (configMap) {
      return {
        found: true,
        configMap,
        controller: candidate,
        note: `named by --configmap of ${workload}`,
      };
    }
    return {
      found: false,
      outcome: unknown(
        'unresolved-reference',
        `${workload} reads ConfigMap ${reference}, which was not read, so its TLS settings cannot be judged.`,
        [{ resource: workload, path: 'args --configmap', observed: flag }],
      ),
    };
  }

  const installed = configMaps.find(item => {
    const labels = labelsAt(item.body, 'metadata.labels');
    return (
      item.name === 'ingress-nginx-controller' ||
      (labels['app.kubernetes.io/name'] === 'ingress-nginx' &&
        labels['app.kubernetes.io/component'] === 'controller')
    );
  });
  if (installed && kind === 'ingress-nginx') {
    return {
      found: true,
      configMap: installed,
      note: 'the ingress-nginx controller ConfigMap, found by name and labels',
    };
  }
  return {
    found: false,
    outcome: unknown(
      'missing-resource',
      'The namespace is served by an NGINX ingress controller, but neither its Deployment nor its ConfigMap was read.',
      [{ note: `no ${kind} controller workload or ConfigMap read` }],
    ),
  };
}

/** Reads a key of a ConfigMap's `data`, if it is a string. */
export function configMapValue(
  configMap: KubernetesResource | undefined,
  key: string,
): string | undefined {
  const data = configMap?.body.data;
  if (!isJsonObject(data)) {
    return undefined;
  }
  const value = data[key];
  return typeof value === 'string' ? value : undefined;
}
