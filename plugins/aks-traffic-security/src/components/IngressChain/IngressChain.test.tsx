import { Entity } from '@backstage/catalog-model';
import { CheckResult } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { passingChecks, withCheck } from '../../__testUtils__/assessments';
import { IngressChain } from './IngressChain';

const GATEWAY_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.Network/applicationGateways/agw-shipping';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shipping-api',
    namespace: 'default',
    annotations: {
      'aks-traffic-security.io/host-names': 'shipping.contoso.com',
      'aks-traffic-security.io/internal-domain-suffix':
        'aks-ingress.contoso.com',
      'backstage.io/kubernetes-id': 'shipping-api',
    },
  },
  spec: { type: 'service', owner: 'group:default/logistics' },
};

function check(
  checkId: string,
  verdict: CheckResult['verdict'],
  evidence: CheckResult['evidence'] = [],
): CheckResult {
  return {
    checkId,
    flow: checkId.startsWith('pod.') ? 'pod-to-pod' : 'ingress',
    severity: 'high',
    level: 'required',
    title: checkId,
    verdict,
    message: `${checkId} is ${verdict}.`,
    evidence,
    remediation: 'See the documentation.',
    documentationUrl: 'https://learn.microsoft.com/azure/application-gateway/',
  };
}

/** Checks for every hop, all passing, with the certificate evidence the checks record. */
function chainChecks(): CheckResult[] {
  return [
    ...passingChecks(),
    check('ingress.appgw.listener-cert-keyvault', 'pass', [
      {
        resource: GATEWAY_ID,
        path: 'properties.sslCertificates[0].properties.keyVaultSecretId',
        observed:
          'https://kv-shipping.vault.azure.net/secrets/shipping-tls/0f2b8c1d9e3a4b5c6d7e8f9a0b1c2d3e',
        expected: 'a Key Vault secret id',
      },
    ]),
    check('ingress.appgw.backend-https', 'pass'),
    check('ingress.k8s.controller-internal-lb', 'pass'),
    check('ingress.k8s.controller-cert-csi', 'pass', [
      {
        resource: 'app-routing-system/Deployment/nginx',
        path: 'spec.template.spec.volumes[0].csi.volumeAttributes.secretProviderClass',
        observed: 'ingress-tls-spc',
      },
    ]),
    check('ingress.aks.keyvault-csi-addon', 'pass'),
    check('pod.k8s.backend-tls', 'pass'),
  ];
}

function hop(name: string) {
  return screen.getByRole('listitem', { name });
}

describe('IngressChain', () => {
  it('marks a failing gateway', async () => {
    const checks = withCheck(chainChecks(), 'ingress.appgw.min-tls-version', {
      verdict: 'fail',
    });

    await renderInTestApp(<IngressChain entity={entity} checks={checks} />);

    const gateway = hop('Application Gateway: fail');
    expect(gateway).toHaveAttribute('data-verdict', 'fail');
    expect(within(gateway).getByText('Fail')).toBeInTheDocument();
    expect(within(gateway).getByText(/^WAF:/)).toHaveTextContent('WAF: Pass');
    expect(hop('Internal load balancer: pass')).toBeInTheDocument();
    expect(hop('Ingress controller: pass')).toBeInTheDocument();
    expect(hop('Pod: pass')).toBeInTheDocument();
  });

  it('marks a failing WAF on the gateway', async () => {
    const checks = withCheck(chainChecks(), 'ingress.waf.prevention-mode', {
      verdict: 'fail',
    });

    await renderInTestApp(<IngressChain entity={entity} checks={checks} />);

    const gateway = hop('Application Gateway: fail');
    expect(within(gateway).getByText(/^WAF:/)).toHaveTextContent('WAF: Fail');
  });

  it('shows an unknown check as an unknown hop', async () => {
    const checks = withCheck(chainChecks(), 'ingress.k8s.controller-cert-csi', {
      verdict: 'unknown',
      reason: 'missing-resource',
    });

    await renderInTestApp(<IngressChain entity={entity} checks={checks} />);

    const controller = hop('Ingress controller: unknown');
    expect(controller).toHaveAttribute('data-verdict', 'unknown');
    expect(within(controller).getByText('Unknown')).toBeInTheDocument();
    expect(within(controller).queryByText('Pass')).not.toBeInTheDocument();
  });

  it('shows a hop without checks as unknown', async () => {
    const checks = chainChecks().filter(
      item => !item.checkId.startsWith('pod.k8s.'),
    );

    await renderInTestApp(<IngressChain entity={entity} checks={checks} />);

    const pod = hop('Pod: unknown');
    expect(
      within(pod).getByText('No check judged this hop.'),
    ).toBeInTheDocument();
  });

  it('shows host names and certificate sources', async () => {
    await renderInTestApp(
      <IngressChain entity={entity} checks={chainChecks()} />,
    );

    const gateway = hop('Application Gateway: pass');
    expect(
      within(gateway).getByText('Host: shipping.contoso.com'),
    ).toBeInTheDocument();
    expect(
      within(gateway).getByText('Certificate: Key Vault kv-shipping'),
    ).toBeInTheDocument();

    const controller = hop('Ingress controller: pass');
    expect(
      within(controller).getByText(
        'Host: shipping-api.aks-ingress.contoso.com',
      ),
    ).toBeInTheDocument();
    expect(
      within(controller).getByText(
        'Certificate: Secrets Store CSI (SecretProviderClass ingress-tls-spc)',
      ),
    ).toBeInTheDocument();
  });

  it('omits the internal host without its annotations', async () => {
    const bare: Entity = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          'aks-traffic-security.io/host-names': 'shipping.contoso.com',
        },
      },
    };

    await renderInTestApp(<IngressChain entity={bare} checks={chainChecks()} />);

    expect(
      within(hop('Ingress controller: pass')).queryByText(/^Host:/),
    ).not.toBeInTheDocument();
  });
});
