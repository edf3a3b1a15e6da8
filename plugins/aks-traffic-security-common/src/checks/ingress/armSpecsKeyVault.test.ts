import { evaluate } from '../../evaluator/evaluate';
import { fixture, resourceSet } from '../../__testUtils__/resourceSets';
import { keyVaultNetworkRestricted } from './keyVault/keyVaultNetworkRestricted';
import { keyVaultRbacAuthorization } from './keyVault/keyVaultRbacAuthorization';

describe('Microsoft.KeyVault 2023-07-01 examples', () => {
  describe('getVault.json', () => {
    const assessment = evaluate(
      resourceSet({
        resources: fixture('arm-specs-keyvault-2023-07-01/getVault.json'),
      }),
      {
        checks: [keyVaultRbacAuthorization, keyVaultNetworkRestricted],
      },
    );
    const [rbac, network] = assessment.checks;

    it('fails RBAC for a vault that uses access policies', () => {
      // The GET shows one access policy and no enableRbacAuthorization.
      expect(rbac.verdict).toBe('fail');
      expect(rbac.evidence[0].note).toContain('1 access policy entry');
    });

    it('fails network restriction for a public vault', () => {
      // publicNetworkAccess Enabled, no networkAcls, no private endpoint.
      expect(network.verdict).toBe('fail');
      expect(network.message).toContain('sample-vault');
    });
  });
});
