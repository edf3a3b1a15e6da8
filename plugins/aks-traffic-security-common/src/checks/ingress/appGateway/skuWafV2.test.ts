import {
  gateway,
  gatewayWith,
  GATEWAY_ID,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { skuWafV2 } from './skuWafV2';

function verdictOf(sku: unknown) {
  return runCheck(skuWafV2, [
    gateway(
      gatewayWith(properties => {
        properties.sku = sku;
      }),
    ),
  ]);
}

describe('ingress.appgw.sku-waf-v2', () => {
  it('passes WAF_v2', () => {
    expect(
      verdictOf({ name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 }).verdict,
    ).toBe('pass');
  });

  it('uses the name when the tier is absent', () => {
    expect(verdictOf({ name: 'waf_v2' }).verdict).toBe('pass');
    expect(verdictOf({ name: 'Standard_v2' }).verdict).toBe('fail');
  });

  it.each([
    'Standard_v2',
    'Standard',
    'WAF',
    'Basic',
    'Basic_v2',
    'Basic_WAF_v2',
    'WAF_Large',
  ])('fails tier %s', tier => {
    const result = verdictOf({ name: tier, tier });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain(tier);
  });

  it('names a v1 SKU as retired', () => {
    expect(verdictOf({ name: 'WAF_Medium', tier: 'WAF' }).message).toContain(
      'retired v1 SKU',
    );
  });

  it('is unknown without a SKU', () => {
    expect(verdictOf(undefined).verdict).toBe('unknown');
  });

  it('is unknown when the gateway was not read', () => {
    const result = runCheck(skuWafV2, [], {
      scope: { gatewayId: GATEWAY_ID },
      failures: [
        {
          target: GATEWAY_ID,
          reason: 'forbidden',
          message: 'The identity lacks Reader on the resource group.',
        },
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });
});
