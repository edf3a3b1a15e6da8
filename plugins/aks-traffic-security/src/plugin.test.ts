import { aksTrafficSecurityApiRef } from './api';
import { aksTrafficSecurityPlugin } from './plugin';

describe('aksTrafficSecurityPlugin', () => {
  it('has the plugin id', () => {
    expect(aksTrafficSecurityPlugin.getId()).toBe('aks-traffic-security');
  });

  it('provides the backend client', () => {
    const apiIds = [...aksTrafficSecurityPlugin.getApis()].map(
      factory => factory.api.id,
    );

    expect(apiIds).toEqual([aksTrafficSecurityApiRef.id]);
  });
});
