import { ArmResource } from '../types';
import { managedCluster } from './runCheck';

const UAMI_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bu0001a0008/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-aks-1-controlplane';
const NODE_SUBNET_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-clusternodes';

/**
 * An AKS cluster with the security settings of the mspnp/aks-baseline
 * cluster-stamp.bicep (commit 0b468aa8), in the shape a GET returns it.
 */
export function referenceCluster(): ArmResource {
  return managedCluster(
    {
      kubernetesVersion: '1.31.5',
      dnsPrefix: 'aks-1',
      enableRBAC: true,
      disableLocalAccounts: true,
      servicePrincipalProfile: { clientId: 'msi' },
      aadProfile: {
        managed: true,
        enableAzureRBAC: true,
        tenantID: '00000000-0000-0000-0000-0000000000aa',
      },
      apiServerAccessProfile: {
        authorizedIPRanges: [],
        enablePrivateCluster: true,
        enablePrivateClusterPublicFQDN: true,
        enableVnetIntegration: true,
        privateDNSZone: 'system',
        subnetId:
          '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-privatecluster',
        disableRunCommand: true,
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        podCidr: '192.168.0.0/16',
        networkPolicy: 'azure',
        outboundType: 'userDefinedRouting',
        loadBalancerSku: 'standard',
        serviceCidr: '172.16.0.0/16',
        dnsServiceIP: '172.16.0.10',
      },
      agentPoolProfiles: [
        {
          name: 'npsystem',
          mode: 'System',
          count: 3,
          enableNodePublicIP: false,
          vnetSubnetID: NODE_SUBNET_ID,
        },
        {
          name: 'npuser01',
          mode: 'User',
          count: 2,
          enableNodePublicIP: false,
          vnetSubnetID: NODE_SUBNET_ID,
        },
      ],
      securityProfile: { workloadIdentity: { enabled: true } },
      oidcIssuerProfile: { enabled: true },
      podIdentityProfile: { enabled: false },
    },
    {
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: {
          [UAMI_ID]: { clientId: 'c', principalId: 'p' },
        },
      },
    },
  );
}
