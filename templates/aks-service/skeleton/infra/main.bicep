// Adds ${{ values.name }}'s listener, certificate, TLS profile, backend
// settings, probe and routing rule to the shared Application Gateway.
//
// Every security-relevant value comes from appgw-service.json, loaded below
// unchanged. The compliance pipeline and the Backstage gate check that same
// file, so what they judge is what this deployment sends.
targetScope = 'resourceGroup'

@description('Priority of the service\'s routing rule, from 1 to 20000; unique on the gateway.')
@minValue(1)
@maxValue(20000)
param routingRulePriority int

var service = loadJsonContent('appgw-service.json')

// The gateway's id names its subscription and resource group.
var gatewayIdSegments = split(service.id, '/')
var gatewayScope = resourceGroup(gatewayIdSegments[2], gatewayIdSegments[4])

resource gateway 'Microsoft.Network/applicationGateways@2025-01-01' existing = {
  name: service.name
  scope: gatewayScope
}

// Application Gateway sub-resources cannot be deployed on their own: the whole
// gateway is written back with this service's entries merged in. The current
// configuration is read here and passed to a module so that the read and the
// write are separate deployments.
module serviceEntries 'appgw-merge.bicep' = {
  name: 'appgw-${{ values.name }}'
  scope: gatewayScope
  params: {
    gatewayName: gateway.name
    location: gateway.location
    identity: gateway.identity
    tags: gateway.tags ?? {}
    currentProperties: gateway.properties
    service: service.properties
    routingRulePriority: routingRulePriority
  }
}
