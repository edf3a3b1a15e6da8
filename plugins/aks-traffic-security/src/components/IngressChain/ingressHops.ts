import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  CheckResult,
  Verdict,
  worstVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The hops of the ingress path, from the client to the pod. */
export type IngressHopId =
  | 'client'
  | 'gateway'
  | 'internal-lb'
  | 'controller'
  | 'pod';

/** One hop of the ingress chain as the diagram draws it. */
export interface IngressHop {
  id: IngressHopId;
  label: string;
  /**
   * The worst verdict of the checks that judge the hop. It is `unknown` when
   * no such check is in the assessment, and absent for the client, which no
   * check judges.
   */
  verdict?: Verdict;
  /** The checks that judge the hop. */
  checks: CheckResult[];
  /** The verdict of the WAF checks, shown inside the gateway hop. */
  wafVerdict?: Verdict;
  hostNames: string[];
  certificateSource?: string;
}

const GATEWAY_TLS_CHECKS = [
  'ingress.appgw.min-tls-version',
  'ingress.appgw.cipher-suites',
  'ingress.appgw.https-only',
  'ingress.appgw.strict-sni',
  'ingress.appgw.listener-cert-keyvault',
  'ingress.appgw.user-assigned-identity',
  'ingress.appgw.sku-waf-v2',
];

const CONTROLLER_CHECKS = [
  'ingress.k8s.controller-tls-options',
  'ingress.k8s.controller-cert-csi',
  'ingress.k8s.spc-keyvault-identity',
  'ingress.k8s.ingress-tls',
  'ingress.k8s.ingress-https-only',
  'ingress.k8s.ingress-host-domain',
  'ingress.k8s.gateway-listener-tls',
  'ingress.k8s.httproute-hosts',
  'ingress.k8s.unsupported-controller',
];

const POD_CHECKS = [
  'pod.k8s.backend-tls',
  'pod.k8s.workload-ingress-from-controller',
];

function isWafCheck(checkId: string): boolean {
  return (
    checkId === 'ingress.appgw.waf-attached' || checkId.startsWith('ingress.waf.')
  );
}

function isInternalLbCheck(checkId: string): boolean {
  return (
    checkId.startsWith('ingress.appgw.backend-') ||
    checkId === 'ingress.k8s.controller-internal-lb'
  );
}

function isControllerCheck(checkId: string): boolean {
  return (
    CONTROLLER_CHECKS.includes(checkId) ||
    checkId.startsWith('ingress.aks.keyvault-csi-')
  );
}

/** Returns `unknown` for a hop that no check judged, because missing data never counts as secure. */
function hopVerdict(checks: CheckResult[]): Verdict {
  if (checks.length === 0) {
    return 'unknown';
  }
  return worstVerdict(checks.map(check => check.verdict));
}

/** Reads the Key Vault name from a secret id such as `https://kv-shipping.vault.azure.net/secrets/tls`. */
function keyVaultName(secretId: string): string | undefined {
  try {
    return new URL(secretId).hostname.split('.')[0] || undefined;
  } catch {
    return undefined;
  }
}

/** Describes where the gateway's listener certificate comes from, when the evidence shows it. */
function gatewayCertificateSource(checks: CheckResult[]): string | undefined {
  const check = checks.find(
    item => item.checkId === 'ingress.appgw.listener-cert-keyvault',
  );
  const evidence = check?.evidence.filter(item =>
    item.path?.endsWith('keyVaultSecretId'),
  );
  if (!evidence || evidence.length === 0) {
    return undefined;
  }

  const secretId = evidence.find(item => typeof item.observed === 'string')
    ?.observed as string | undefined;
  if (secretId) {
    const vault = keyVaultName(secretId);
    return vault ? `Key Vault ${vault}` : 'Key Vault';
  }

  // The check notes the presence of uploaded certificate data without its value.
  if (check?.verdict === 'fail' && evidence.some(item => item.note)) {
    return 'Uploaded certificate';
  }
  return undefined;
}

/** Describes where the ingress controller's certificate comes from, when the evidence shows it. */
function controllerCertificateSource(
  checks: CheckResult[],
): string | undefined {
  const check = checks.find(
    item => item.checkId === 'ingress.k8s.controller-cert-csi',
  );
  const classNames = (check?.evidence ?? [])
    .filter(
      item =>
        item.path?.endsWith('secretProviderClass') &&
        typeof item.observed === 'string',
    )
    .map(item => item.observed as string);
  if (classNames.length === 0) {
    return undefined;
  }
  return `Secrets Store CSI (SecretProviderClass ${[
    ...new Set(classNames),
  ].join(', ')})`;
}

function annotation(entity: Entity, key: string): string | undefined {
  return entity.metadata.annotations?.[key]?.trim() || undefined;
}

/**
 * Maps the checks of an assessment onto the hops of the ingress path, with
 * the host names the entity's annotations give for the public and the
 * internal hop.
 */
export function ingressHops(
  entity: Entity,
  checks: CheckResult[],
): IngressHop[] {
  const gatewayTls = checks.filter(check =>
    GATEWAY_TLS_CHECKS.includes(check.checkId),
  );
  const waf = checks.filter(check => isWafCheck(check.checkId));
  const internalLb = checks.filter(check => isInternalLbCheck(check.checkId));
  const controller = checks.filter(check => isControllerCheck(check.checkId));
  const pod = checks.filter(check => POD_CHECKS.includes(check.checkId));

  const publicHostNames = (annotation(entity, ANNOTATIONS.hostNames) ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
  const kubernetesId = annotation(entity, ANNOTATIONS.kubernetesId);
  const internalSuffix = annotation(entity, ANNOTATIONS.internalDomainSuffix);
  const internalHostNames =
    kubernetesId && internalSuffix ? [`${kubernetesId}.${internalSuffix}`] : [];

  const gatewayChecks = [...gatewayTls, ...waf];
  return [
    { id: 'client', label: 'Client', checks: [], hostNames: [] },
    {
      id: 'gateway',
      label: 'Application Gateway',
      verdict: hopVerdict(gatewayChecks),
      checks: gatewayChecks,
      wafVerdict: hopVerdict(waf),
      hostNames: publicHostNames,
      certificateSource: gatewayCertificateSource(gatewayTls),
    },
    {
      id: 'internal-lb',
      label: 'Internal load balancer',
      verdict: hopVerdict(internalLb),
      checks: internalLb,
      hostNames: [],
    },
    {
      id: 'controller',
      label: 'Ingress controller',
      verdict: hopVerdict(controller),
      checks: controller,
      hostNames: internalHostNames,
      certificateSource: controllerCertificateSource(controller),
    },
    {
      id: 'pod',
      label: 'Pod',
      verdict: hopVerdict(pod),
      checks: pod,
      hostNames: [],
    },
  ];
}
