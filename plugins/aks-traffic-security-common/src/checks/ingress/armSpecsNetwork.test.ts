import fs from 'fs';
import path from 'path';
import { evaluate } from '../../evaluator/evaluate';
import {
  fixture,
  FIXTURES_DIR,
  resourceSet,
} from '../../__testUtils__/resourceSets';
import { AssessmentScope, CheckResult, Resource } from '../../types';
import { gatewayChecks } from './gateway';
import { predefinedTlsPolicy } from './appGateway/predefinedTlsPolicies';
import { rateCipherSuite } from './appGateway/cipherSuites';
import { DEFAULT_APPROVED_CIPHER_SUITES } from '../../evaluator/policy';
import { egressPath } from '../../__testUtils__/networkResources';

const NETWORK = 'arm-specs-network-2023-11-01';

function resultsFor(
  file: string,
  scope: AssessmentScope = {},
  others: Resource[] = [],
): Map<string, CheckResult> {
  const assessment = evaluate(
    resourceSet({
      resources: [...fixture(`${NETWORK}/${file}`), ...others],
      scope,
    }),
    {
      checks: gatewayChecks,
    },
  );
  return new Map(assessment.checks.map(result => [result.checkId, result]));
}

describe('Microsoft.Network 2023-11-01 examples', () => {
  describe('ApplicationGatewayCreate.json', () => {
    const results = resultsFor('ApplicationGatewayCreate.json');

    it.each([
      // Standard_Medium is a retired v1 SKU without the WAF engine.
      ['ingress.appgw.sku-waf-v2', 'fail'],
      // No firewallPolicy and no legacy WAF configuration.
      ['ingress.appgw.waf-attached', 'fail'],
      // sslProfile1 sets a Custom policy with minProtocolVersion TLSv1_1.
      ['ingress.appgw.min-tls-version', 'fail'],
      // sslProfile1 lists only TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.
      ['ingress.appgw.cipher-suites', 'warn'],
      // appgwhttplistener accepts HTTP on port 80 and no rule redirects it.
      ['ingress.appgw.https-only', 'fail'],
      // appgwhl has requireServerNameIndication false and no host name.
      ['ingress.appgw.strict-sni', 'fail'],
      // sslcert shows only publicCertData: an uploaded PFX.
      ['ingress.appgw.listener-cert-keyvault', 'fail'],
      // The 200 body has no identity.
      ['ingress.appgw.user-assigned-identity', 'fail'],
      // appgwrule forwards to appgwbhs, Http on port 80.
      ['ingress.appgw.backend-https', 'fail'],
      ['ingress.appgw.backend-cert-validation', 'not-applicable'],
      ['ingress.appgw.backend-hostname', 'not-applicable'],
      // Both pools hold only 10.0.x.x addresses.
      ['ingress.appgw.backend-private', 'pass'],
      ['ingress.waf.enabled', 'not-applicable'],
      ['ingress.waf.prevention-mode', 'not-applicable'],
      ['ingress.waf.managed-rulesets', 'not-applicable'],
      ['ingress.waf.request-body-inspection', 'not-applicable'],
      ['ingress.waf.rule-overrides', 'not-applicable'],
      ['ingress.keyvault.rbac-authorization', 'unknown'],
      ['ingress.keyvault.network-restricted', 'unknown'],
      ['ingress.firewall.no-dnat-bypass', 'unknown'],
    ])('%s is %s', (checkId, verdict) => {
      expect(results.get(checkId)?.verdict).toBe(verdict);
    });

    it('names the listener and profile behind the TLS verdicts', () => {
      const minTls = results.get('ingress.appgw.min-tls-version')!;

      expect(minTls.message).toContain('SSL profile sslProfile1');
      expect(minTls.message).toContain('TLSv1_1');
      expect(minTls.evidence[0].elements).toEqual(['appgwhl']);
    });

    it('names the plaintext listener', () => {
      const httpsOnly = results.get('ingress.appgw.https-only')!;

      expect(httpsOnly.message).toContain('appgwhttplistener');
      expect(httpsOnly.message).toContain('port 80');
    });

    it('keeps certificate data out of the results', () => {
      expect(JSON.stringify([...results.values()])).not.toContain('*****');
    });

    it('judges the basic listeners for host names no listener claims', () => {
      // Both listeners are basic, so they receive every host name.
      const scoped = resultsFor('ApplicationGatewayCreate.json', {
        hostNames: ['bicycle.contoso.com'],
      });

      expect(scoped.get('ingress.appgw.min-tls-version')?.verdict).toBe(
        results.get('ingress.appgw.min-tls-version')?.verdict,
      );
      expect(scoped.get('ingress.appgw.strict-sni')?.verdict).toBe('fail');
      expect(scoped.get('ingress.appgw.sku-waf-v2')?.verdict).toBe('fail');
    });
  });

  describe('WafPolicyGet.json', () => {
    const results = resultsFor('WafPolicyGet.json');

    it.each([
      // state Enabled.
      ['ingress.waf.enabled', 'pass'],
      // mode Prevention.
      ['ingress.waf.prevention-mode', 'pass'],
      // OWASP 3.2 with Microsoft_BotManagerRuleSet 1.0.
      ['ingress.waf.managed-rulesets', 'pass'],
      // requestBodyCheck true.
      ['ingress.waf.request-body-inspection', 'pass'],
      // Four OWASP rules are disabled and five exclusions are set.
      ['ingress.waf.rule-overrides', 'warn'],
      // No gateway was read.
      ['ingress.appgw.waf-attached', 'unknown'],
    ])('%s is %s', (checkId, verdict) => {
      expect(results.get(checkId)?.verdict).toBe(verdict);
    });

    it('lists the disabled rules and exclusions', () => {
      const overrides = results.get('ingress.waf.rule-overrides')!;

      for (const ruleId of ['942130', '942110', '920100', '920120']) {
        expect(overrides.message).toContain(ruleId);
      }
      expect(overrides.message).not.toContain('942140');
      expect(overrides.message).toContain('5 request part(s)');
    });

    it('lists the body inspection limit', () => {
      expect(
        results.get('ingress.waf.request-body-inspection')!.evidence[0].note,
      ).toContain('2000');
    });
  });

  describe('AzureFirewallGet.json', () => {
    // The DNAT rules count only for a service whose egress firewall, at the
    // example's private IP, was read.
    const CLUSTER = egressPath('10.0.0.0');
    const results = resultsFor('AzureFirewallGet.json', {}, CLUSTER);

    it('warns on both DNAT rules from any source', () => {
      const dnat = results.get('ingress.firewall.no-dnat-bypass')!;

      expect(dnat.verdict).toBe('warn');
      expect(dnat.message).toContain(
        'azurefirewall/natrulecoll/DNAT-HTTPS-traffic',
      );
      expect(dnat.message).toContain(
        'azurefirewall/natrulecoll/DNAT-HTTP-traffic-With-FQDN',
      );
      expect(dnat.message).toContain('1.2.3.5:8443');
      expect(
        dnat.evidence.map(
          item => (item.observed as { translated: string }).translated,
        ),
      ).toEqual(['1.2.3.5:8443', 'internalhttpserver:880']);
    });

    it('fails a translation into a cluster domain that is configured', () => {
      const scoped = resultsFor(
        'AzureFirewallGet.json',
        { internalDomainSuffix: 'internalhttpserver' },
        CLUSTER,
      );

      expect(scoped.get('ingress.firewall.no-dnat-bypass')?.verdict).toBe(
        'fail',
      );
    });
  });
});

describe('Microsoft.Network 2024-10-01 predefined TLS policies', () => {
  const file = path.join(
    FIXTURES_DIR,
    'arm-specs-network-2024-10-01/ApplicationGatewayAvailableSslOptionsPredefinedPoliciesGet.json',
  );
  const policies = JSON.parse(fs.readFileSync(file, 'utf8')).responses['200']
    .body.value as Array<{
    name: string;
    properties: { minProtocolVersion: string; cipherSuites: string[] };
  }>;
  const approved = new Set(DEFAULT_APPROVED_CIPHER_SUITES);

  it.each(policies.map(policy => [policy.name, policy] as const))(
    'matches the lookup table for %s',
    (name, policy) => {
      const known = predefinedTlsPolicy(name)!;
      const ratings = policy.properties.cipherSuites.map(suite =>
        rateCipherSuite(suite, approved),
      );

      expect(known.minProtocolVersion).toBe(
        policy.properties.minProtocolVersion,
      );
      expect(ratings).toContain('weak');
      expect(known.cipherVerdict).toBe('fail');
    },
  );
});
