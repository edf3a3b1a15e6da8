import {
  gateway,
  GATEWAY_ID,
  gatewayWith,
  runCheck,
  vault,
} from '../__testUtils__/gatewayBodies';
import { keyVaultRbacAuthorization } from './keyVaultRbacAuthorization';

describe('ingress.keyvault.rbac-authorization', () => {
  it('passes Azure RBAC', () => {
    expect(runCheck(keyVaultRbacAuthorization, [vault()]).verdict).toBe('pass');
  });

  it('fails access policies', () => {
    const result = runCheck(keyVaultRbacAuthorization, [
      vault(properties => {
        properties.enableRbacAuthorization = false;
      }),
    ]);

    expect(result.verdict).toBe('fail');
  });

  it('fails an absent flag on a read vault', () => {
    const result = runCheck(keyVaultRbacAuthorization, [
      vault(properties => {
        delete properties.enableRbacAuthorization;
      }),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('access policies');
  });

  it('reads the create default from the template api-version', () => {
    const created = (apiVersion: string) => {
      const resource = vault(properties => {
        delete properties.enableRbacAuthorization;
      });
      resource.origin = {
        source: 'workspace',
        location: 'azuredeploy.json',
        apiVersion,
        format: 'arm-template',
      };
      return runCheck(keyVaultRbacAuthorization, [resource]).verdict;
    };

    expect(created('2026-02-01')).toBe('pass');
    expect(created('2023-07-01')).toBe('fail');
  });

  it('is unknown when the gateway vault was not read', () => {
    const result = runCheck(keyVaultRbacAuthorization, [
      gateway(gatewayWith(() => {})),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain('kv-aks-bu0001a0008');
  });

  it('is unknown when the named gateway was not read', () => {
    const result = runCheck(keyVaultRbacAuthorization, [vault()], {
      scope: { gatewayId: GATEWAY_ID },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain(GATEWAY_ID);
  });

  it('is unknown when no vault was read', () => {
    const result = runCheck(keyVaultRbacAuthorization, []);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });
});
