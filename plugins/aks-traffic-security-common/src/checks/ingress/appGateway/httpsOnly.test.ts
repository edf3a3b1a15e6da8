import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { httpsOnly } from './httpsOnly';

function addHttpListener(
  properties: any,
  name = 'listener-http',
  hostName?: string,
) {
  properties.frontendPorts.push(
    entry('frontendPorts', 'port-80', { port: 80 }),
  );
  properties.httpListeners.push(
    entry('httpListeners', name, {
      protocol: 'Http',
      frontendPort: ref('frontendPorts', 'port-80'),
      ...(hostName ? { hostName } : {}),
    }),
  );
}

function addRedirectRule(properties: any, redirect: any) {
  properties.redirectConfigurations.push(
    entry('redirectConfigurations', 'to-https', redirect),
  );
  properties.requestRoutingRules.push(
    entry('requestRoutingRules', 'http-redirect', {
      ruleType: 'Basic',
      priority: 200,
      httpListener: ref('httpListeners', 'listener-http'),
      redirectConfiguration: ref('redirectConfigurations', 'to-https'),
    }),
  );
}

describe('ingress.appgw.https-only', () => {
  it('passes only HTTPS listeners', () => {
    expect(runCheck(httpsOnly, [gateway(gatewayWith(() => {}))]).verdict).toBe(
      'pass',
    );
  });

  it('warns on a redirect-only HTTP listener', () => {
    const properties = gatewayWith(props => {
      addHttpListener(props);
      addRedirectRule(props, {
        redirectType: 'Permanent',
        targetListener: ref('httpListeners', 'listener-https'),
        includePath: true,
        includeQueryString: true,
      });
    });

    const result = runCheck(httpsOnly, [gateway(properties)]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('http-redirect');
    expect(result.message).toContain('port 80');
  });

  it('fails a redirect to a URL rather than an HTTPS listener', () => {
    const properties = gatewayWith(props => {
      addHttpListener(props);
      addRedirectRule(props, {
        redirectType: 'Found',
        targetUrl: 'https://bicycle.contoso.com',
      });
    });

    expect(runCheck(httpsOnly, [gateway(properties)]).verdict).toBe('fail');
  });

  it('fails an HTTP listener that forwards to a backend', () => {
    const properties = gatewayWith(props => {
      addHttpListener(props);
      props.requestRoutingRules.push(
        entry('requestRoutingRules', 'plain', {
          ruleType: 'Basic',
          priority: 200,
          httpListener: ref('httpListeners', 'listener-http'),
          backendAddressPool: ref(
            'backendAddressPools',
            'bu0001a0008-00.aks-ingress.contoso.com',
          ),
          backendHttpSettings: ref(
            'backendHttpSettingsCollection',
            'aks-ingress-backendpool-httpsettings',
          ),
        }),
      );
    });

    const result = runCheck(httpsOnly, [gateway(properties)]);

    expect(result.verdict).toBe('fail');
    expect(
      result.evidence.some(item => item.elements?.includes('listener-http')),
    ).toBe(true);
  });

  it('fails an HTTP listener no rule uses', () => {
    const properties = gatewayWith(props => addHttpListener(props));

    expect(runCheck(httpsOnly, [gateway(properties)]).verdict).toBe('fail');
  });

  it('judges path maps that only redirect', () => {
    const properties = gatewayWith(props => {
      addHttpListener(props);
      props.redirectConfigurations.push(
        entry('redirectConfigurations', 'to-https', {
          redirectType: 'Permanent',
          targetListener: ref('httpListeners', 'listener-https'),
        }),
      );
      props.urlPathMaps.push(
        entry('urlPathMaps', 'http-paths', {
          defaultRedirectConfiguration: ref(
            'redirectConfigurations',
            'to-https',
          ),
          pathRules: [
            {
              name: 'api',
              id: `${GATEWAY_ID}/urlPathMaps/http-paths/pathRules/api`,
              properties: {
                paths: ['/api/*'],
                redirectConfiguration: ref(
                  'redirectConfigurations',
                  'to-https',
                ),
              },
            },
          ],
        }),
      );
      props.requestRoutingRules.push(
        entry('requestRoutingRules', 'http-paths', {
          ruleType: 'PathBasedRouting',
          priority: 300,
          httpListener: ref('httpListeners', 'listener-http'),
          urlPathMap: ref('urlPathMaps', 'http-paths'),
        }),
      );
    });

    expect(runCheck(httpsOnly, [gateway(properties)]).verdict).toBe('warn');
  });

  it('fails layer-4 TCP listeners', () => {
    const properties = gatewayWith(props => {
      props.listeners.push(
        entry('listeners', 'tcp-5432', {
          protocol: 'Tcp',
          frontendPort: ref('frontendPorts', 'port-443'),
        }),
      );
    });

    const result = runCheck(httpsOnly, [gateway(properties)]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('tcp-5432 (TCP listener)');
  });

  it.each([
    ['the service pool', 'bu0001a0008-00.aks-ingress.contoso.com', 'fail'],
    ['another pool', 'other-pool', 'pass'],
  ])('judges a TCP listener to %s for a scoped service', (_, pool, verdict) => {
    const properties = gatewayWith(props => {
      props.listeners.push(
        entry('listeners', 'tcp-8080', {
          protocol: 'Tcp',
          frontendPort: ref('frontendPorts', 'port-443'),
        }),
      );
      props.routingRules.push(
        entry('routingRules', 'tcp-rule', {
          priority: 10,
          listener: ref('listeners', 'tcp-8080'),
          backendAddressPool: ref('backendAddressPools', pool),
        }),
      );
    });

    const result = runCheck(httpsOnly, [gateway(properties)], {
      scope: { hostNames: ['bicycle.contoso.com'] },
    });

    expect(result.verdict).toBe(verdict);
  });

  it('is unknown when a redirect is not defined', () => {
    const properties = gatewayWith(props => {
      addHttpListener(props);
      props.requestRoutingRules.push(
        entry('requestRoutingRules', 'http-redirect', {
          ruleType: 'Basic',
          httpListener: ref('httpListeners', 'listener-http'),
          redirectConfiguration: ref('redirectConfigurations', 'gone'),
        }),
      );
    });

    const result = runCheck(httpsOnly, [gateway(properties)]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('judges a basic HTTP listener for a scoped service', () => {
    const properties = gatewayWith(props => addHttpListener(props));

    const result = runCheck(httpsOnly, [gateway(properties)], {
      scope: { hostNames: ['bicycle.contoso.com'] },
    });

    expect(result.verdict).toBe('fail');
  });

  it('ignores an HTTP listener bound to another host', () => {
    const properties = gatewayWith(props =>
      addHttpListener(props, 'listener-http', 'other.contoso.com'),
    );

    const result = runCheck(httpsOnly, [gateway(properties)], {
      scope: { hostNames: ['bicycle.contoso.com'] },
    });

    expect(result.verdict).toBe('pass');
  });

  it.each([
    ['null properties', () => gateway(null as any), 'properties'],
    [
      'no routing rules',
      () =>
        gateway(
          gatewayWith(props => {
            delete props.requestRoutingRules;
          }),
        ),
      'properties.requestRoutingRules',
    ],
    [
      'a listener without protocol',
      () =>
        gateway(
          gatewayWith(props => {
            delete props.httpListeners[0].properties.protocol;
          }),
        ),
      'properties.httpListeners[0].properties.protocol',
    ],
    [
      'a backend setting without protocol',
      () =>
        gateway(
          gatewayWith(props => {
            delete props.backendHttpSettingsCollection[0].properties.protocol;
          }),
        ),
      'properties.backendHttpSettingsCollection[0].properties.protocol',
    ],
  ])('is unknown for a gateway with %s', (_, build, path) => {
    const result = runCheck(httpsOnly, [build()]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.message).toContain(`lacks a readable ${path}`);
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(httpsOnly, [], { scope: { gatewayId: GATEWAY_ID } }).verdict,
    ).toBe('unknown');
  });
});
