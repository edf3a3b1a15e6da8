import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { backendHttps } from './backendHttps';

function settingsOf(change: (settings: any) => void) {
  return gatewayWith(properties =>
    change(properties.backendHttpSettingsCollection[0].properties),
  );
}

describe('ingress.appgw.backend-https', () => {
  it('passes HTTPS on port 443', () => {
    const result = runCheck(backendHttps, [gateway(settingsOf(() => {}))]);

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('rule apw-routing-rules');
  });

  it('fails plaintext HTTP settings', () => {
    const result = runCheck(backendHttps, [
      gateway(
        settingsOf(settings => {
          settings.protocol = 'Http';
          settings.port = 80;
        }),
      ),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual([
      'aks-ingress-backendpool-httpsettings',
    ]);
  });

  it('warns on HTTPS to port 80', () => {
    const result = runCheck(backendHttps, [
      gateway(
        settingsOf(settings => {
          settings.port = 80;
        }),
      ),
    ]);

    expect(result.verdict).toBe('warn');
  });

  it('ignores settings no rule uses', () => {
    const properties = gatewayWith(props => {
      props.backendHttpSettingsCollection.push(
        entry('backendHttpSettingsCollection', 'unused-http', {
          port: 80,
          protocol: 'Http',
        }),
      );
    });

    expect(runCheck(backendHttps, [gateway(properties)]).verdict).toBe('pass');
  });

  it('follows path maps to every path rule', () => {
    const properties = gatewayWith(props => {
      props.backendHttpSettingsCollection.push(
        entry('backendHttpSettingsCollection', 'legacy-http', {
          port: 80,
          protocol: 'http',
        }),
      );
      props.urlPathMaps.push(
        entry('urlPathMaps', 'paths', {
          defaultBackendAddressPool: ref(
            'backendAddressPools',
            'bu0001a0008-00.aks-ingress.contoso.com',
          ),
          defaultBackendHttpSettings: ref(
            'backendHttpSettingsCollection',
            'aks-ingress-backendpool-httpsettings',
          ),
          pathRules: [
            {
              name: 'legacy',
              id: `${GATEWAY_ID}/urlPathMaps/paths/pathRules/legacy`,
              properties: {
                paths: ['/legacy/*'],
                backendAddressPool: ref(
                  'backendAddressPools',
                  'bu0001a0008-00.aks-ingress.contoso.com',
                ),
                backendHttpSettings: ref(
                  'backendHttpSettingsCollection',
                  'legacy-http',
                ),
              },
            },
          ],
        }),
      );
      props.requestRoutingRules[0].properties = {
        ruleType: 'PathBasedRouting',
        priority: 100,
        httpListener: ref('httpListeners', 'listener-https'),
        urlPathMap: ref('urlPathMaps', 'paths'),
      };
    });

    const result = runCheck(backendHttps, [gateway(properties)]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('path rule legacy of path map paths');
  });

  it('judges layer-4 backend settings', () => {
    const properties = gatewayWith(props => {
      props.listeners.push(
        entry('listeners', 'tls-proxy', {
          protocol: 'Tls',
          sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
        }),
      );
      props.backendSettingsCollection = [
        entry('backendSettingsCollection', 'tcp-backend', {
          port: 5432,
          protocol: 'Tcp',
        }),
      ];
      props.routingRules.push(
        entry('routingRules', 'tls-proxy-rule', {
          priority: 10,
          listener: ref('listeners', 'tls-proxy'),
          backendAddressPool: ref(
            'backendAddressPools',
            'bu0001a0008-00.aks-ingress.contoso.com',
          ),
          backendSettings: ref('backendSettingsCollection', 'tcp-backend'),
        }),
      );
    });

    const result = runCheck(backendHttps, [gateway(properties)]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('tcp-backend');
  });

  it('is not applicable without rules', () => {
    const properties = gatewayWith(props => {
      props.requestRoutingRules = [];
    });

    expect(runCheck(backendHttps, [gateway(properties)]).verdict).toBe(
      'not-applicable',
    );
  });

  it('is unknown for undefined settings', () => {
    const properties = gatewayWith(props => {
      props.requestRoutingRules[0].properties.backendHttpSettings = ref(
        'backendHttpSettingsCollection',
        'gone',
      );
    });

    const result = runCheck(backendHttps, [gateway(properties)]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(backendHttps, [], { scope: { gatewayId: GATEWAY_ID } }).verdict,
    ).toBe('unknown');
  });
});
