import { parentArmId, parseArmId } from './parseArmId';

const SUBSCRIPTION = '3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34';

describe('parseArmId', () => {
  it('splits a child resource id', () => {
    expect(
      parseArmId(
        `/subscriptions/${SUBSCRIPTION.toUpperCase()}/resourcegroups/rg-hub(1)/providers/Microsoft.Network/firewallPolicies/afwp-hub/ruleCollectionGroups/DefaultNetworkRuleCollectionGroup/`,
      ),
    ).toEqual({
      id: `/subscriptions/${SUBSCRIPTION.toUpperCase()}/resourcegroups/rg-hub(1)/providers/Microsoft.Network/firewallPolicies/afwp-hub/ruleCollectionGroups/DefaultNetworkRuleCollectionGroup`,
      subscriptionId: SUBSCRIPTION,
      resourceGroup: 'rg-hub(1)',
      type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
      names: ['afwp-hub', 'DefaultNetworkRuleCollectionGroup'],
    });
  });

  it.each([
    'https://management.azure.com/subscriptions/x',
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg`,
    `/subscriptions/prod/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt`,
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt?api-version=1`,
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/routeTables/../../rt`,
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/routeTables/..`,
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/./providers/Microsoft.Network/routeTables/rt`,
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt#x`,
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/routeTables`,
  ])('rejects %s', id => {
    expect(parseArmId(id)).toBeUndefined();
  });

  it('returns the parent of a subnet', () => {
    expect(
      parentArmId(
        `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-nodes`,
      ),
    ).toBe(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet`,
    );
  });
});
