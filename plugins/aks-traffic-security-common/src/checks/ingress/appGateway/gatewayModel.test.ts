import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { resourceSet } from '../../../__testUtils__/resourceSets';
import {
  entry,
  gateway,
  gatewayWith,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import {
  gatewayModel,
  GatewayModel,
  referenceName,
  skuFamilyOf,
} from './gatewayModel';
import { minTlsVersion } from './minTlsVersion';
import { strictSni } from './strictSni';

function largeGateway(listenerCount: number) {
  return gatewayWith(properties => {
    properties.sslProfiles = [
      entry('sslProfiles', 'weak', {
        sslPolicy: {
          policyType: 'Predefined',
          policyName: 'AppGwSslPolicy20170401',
        },
      }),
    ];
    for (let index = 0; index < listenerCount; index++) {
      properties.httpListeners.push(
        entry('httpListeners', `listener-${index}`, {
          protocol: 'Https',
          hostName: `app${index}.contoso.com`,
          requireServerNameIndication: true,
          sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
          ...(index === 250 ? { sslProfile: ref('sslProfiles', 'weak') } : {}),
        }),
      );
    }
  });
}

describe('GatewayModel', () => {
  it('finds sub-resources by id, name or template expression', () => {
    const model = new GatewayModel(gateway(gatewayWith(() => {})));

    expect(
      model.find(
        'httpListeners',
        ref('httpListeners', 'LISTENER-HTTPS').id as string,
      )?.name,
    ).toBe('listener-https');
    expect(
      model.find(
        'httpListeners',
        "[resourceId('Microsoft.Network/applicationGateways/httpListeners', 'apw', 'listener-https')]",
      )?.name,
    ).toBe('listener-https');
    expect(model.find('httpListeners', 'missing')).toBeUndefined();
  });

  it('resolves a reference with a trailing slash', () => {
    const properties = gatewayWith(props => {
      props.sslProfiles = [entry('sslProfiles', 'profile-a', {})];
      props.httpListeners[0].properties.sslProfile = {
        id: `${ref('sslProfiles', 'profile-a').id}/`,
      };
    });
    const model = new GatewayModel(gateway(properties));
    const listener = model.list('httpListeners')[0];

    expect(referenceName(listener, 'sslProfile')).toBe('profile-a');
    expect(
      model.find('sslProfiles', referenceName(listener, 'sslProfile'))?.name,
    ).toBe('profile-a');
    expect(
      model.find('sslProfiles', `${ref('sslProfiles', 'profile-a').id}/`)?.name,
    ).toBe('profile-a');
  });

  it('classifies SKU families', () => {
    expect(skuFamilyOf('WAF_v2')).toBe('v2');
    expect(skuFamilyOf('Standard_Medium')).toBe('v1');
    expect(skuFamilyOf('Basic')).toBe('v2');
    expect(skuFamilyOf('Premium')).toBeUndefined();
  });

  it('builds the model once per evaluation', () => {
    const context = new EvaluationContext(
      resourceSet({ resources: [gateway(gatewayWith(() => {}))] }),
    );
    const first = gatewayModel(context);
    const second = gatewayModel(context);

    expect(first.found).toBe(true);
    expect(second).toBe(first);
  });

  it('names the one weak listener among hundreds', () => {
    const resources = [gateway(largeGateway(500))];

    const tls = runCheck(minTlsVersion, resources);
    const sni = runCheck(strictSni, resources);

    expect(tls.verdict).toBe('fail');
    expect(tls.message).toContain('Affected listener: listener-250.');
    expect(sni.verdict).toBe('pass');
  });

  it('scopes a large gateway to one host', () => {
    const result = runCheck(minTlsVersion, [gateway(largeGateway(500))], {
      scope: { hostNames: ['app250.contoso.com'] },
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence.flatMap(item => item.elements)).toEqual([
      'listener-250',
    ]);
  });

  it.each([
    ['not a list', 'httpListeners', 'x'],
    ['a list of strings', 'backendAddressPools', ['10.0.0.4']],
  ])('is unknown for a collection that is %s', (_, collection, value) => {
    const context = new EvaluationContext(
      resourceSet({
        resources: [
          gateway(
            gatewayWith(properties => {
              properties[collection] = value;
            }),
          ),
        ],
      }),
    );

    const lookup = gatewayModel(context);

    expect(lookup.found).toBe(false);
    const outcome = lookup.found ? undefined : lookup.outcome;
    expect(outcome?.verdict).toBe('unknown');
    expect(outcome?.reason).toBe('unrecognised-value');
    expect(outcome?.evidence).toEqual([
      expect.objectContaining({
        path: `properties.${collection}`,
        observed: value,
      }),
    ]);
  });

  it('makes listener checks unknown for a malformed collection', () => {
    const result = runCheck(minTlsVersion, [
      gateway(
        gatewayWith(properties => {
          properties.httpListeners = 'x';
        }),
      ),
    ]);

    expect(result.verdict).toBe('unknown');
  });
});
