import { CheckDefinition } from '../types';
import { fail, pass, warn } from '../outcomes';
import { booleanAt, getPath } from '../../resources/json';

const WORKLOAD_IDENTITY = 'properties.securityProfile.workloadIdentity.enabled';
const OIDC_ISSUER = 'properties.oidcIssuerProfile.enabled';
const POD_IDENTITY = 'properties.podIdentityProfile.enabled';

export const workloadIdentity: CheckDefinition = {
  id: 'mgmt.aks.workload-identity',
  flow: 'management',
  severity: 'medium',
  level: 'baseline',
  title: 'Workload identity and the OIDC issuer are enabled.',
  why: 'Workload identity lets pods, such as the Secrets Store CSI driver, reach Key Vault with their own federated identity instead of the node identity shared by every pod or a stored secret.',
  remediation:
    'Enable both (`az aks update --enable-oidc-issuer --enable-workload-identity`) and remove AAD Pod Identity.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/workload-identity-overview',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const observed = (path: string) => getPath(cluster.body, path) ?? null;

    if (booleanAt(cluster.body, POD_IDENTITY) === true) {
      return fail('The deprecated AAD Pod Identity is enabled.', [
        {
          resource: cluster.id,
          path: POD_IDENTITY,
          observed: true,
          expected: false,
        },
      ]);
    }

    const evidence = [
      {
        resource: cluster.id,
        path: WORKLOAD_IDENTITY,
        observed: observed(WORKLOAD_IDENTITY),
        expected: true,
      },
      {
        resource: cluster.id,
        path: OIDC_ISSUER,
        observed: observed(OIDC_ISSUER),
        expected: true,
      },
    ];
    const workloadIdentityOn =
      booleanAt(cluster.body, WORKLOAD_IDENTITY) === true;
    const oidcIssuerOn = booleanAt(cluster.body, OIDC_ISSUER) === true;
    if (workloadIdentityOn && oidcIssuerOn) {
      return pass(
        'Workload identity and the OIDC issuer are enabled.',
        evidence,
      );
    }

    let message = 'Neither workload identity nor the OIDC issuer is enabled';
    if (workloadIdentityOn) {
      message = 'The OIDC issuer is not enabled';
    } else if (oidcIssuerOn) {
      message = 'Workload identity is not enabled';
    }
    return warn(
      `${message}, so pods must fall back to the node identity or stored secrets to reach Key Vault.`,
      evidence,
    );
  },
};
